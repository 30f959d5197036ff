import type { Dialect } from '../adapter/dialect';
import type { ManifestNode } from '../manifest/types';
import type { Constraint } from './constraints';

/** A contract column as the DDL declares it. */
export interface ContractColumn {
  /** As written in YAML. */
  name: string;
  /** As it appears in SQL: quoted only with `quote: true`, as dbt renders it. */
  sqlName: string;
  quote: boolean;
  /** The contract's `data_type`, translated for the engine (`string` → `text`). */
  dataType: string;
}

/**
 * What a contracted model's table is built from: its columns in contract order, and the table
 * definitions (each column with its type and constraints, then the model-level constraints)
 * for `create table … (…)`. Constraints the engine cannot create are left out; the compiler
 * has warned about them.
 */
export interface ContractSpec {
  columns: ContractColumn[];
  definitions: string[];
  /**
   * The definitions for a tmp table that is swapped in, where constraint names share a schema
   * namespace (see `DialectCapabilities.schemaScopedConstraintNames`): each named unique or
   * primary key carries `renames[i].from` until the swap renames it back.
   */
  tmpDefinitions: string[];
  renames: Array<{ from: string; to: string }>;
}

/** The name a named unique/primary key has on a tmp table while the old table holds its own. */
export const TMP_CONSTRAINT_SUFFIX = '__tsmodel_tmp';

/**
 * The spec of `node`'s enforced contract, or undefined without one. The compiler has checked
 * the contract (every column typed, constraints well formed, foreign keys resolved), so this
 * only reads and renders.
 */
export function contractSpec(node: ManifestNode, dialect: Dialect): ContractSpec | undefined {
  if (!isContractEnforced(node)) return undefined;
  const rules = dialect.contracts;
  const creatable = (c: Constraint) => rules.constraintSupport[c.type] !== 'not_supported';
  const columns: ContractColumn[] = [];
  const definitions: string[] = [];
  const tmpDefinitions: string[] = [];
  const renames: ContractSpec['renames'] = [];
  const tmpNamed = (c: Constraint): Constraint => {
    if (!c.name || (c.type !== 'unique' && c.type !== 'primary_key')) return c;
    const from = `${c.name}${TMP_CONSTRAINT_SUFFIX}`;
    renames.push({ from, to: c.name });
    return { ...c, name: from };
  };
  for (const info of Object.values(node.columns)) {
    const quote = info.quote === true;
    const sqlName = quote ? dialect.quoteIdentifier(info.name) : info.name;
    const dataType = rules.translateType(info.data_type ?? '');
    columns.push({ name: info.name, sqlName, quote, dataType });
    const constraints = ((info.constraints ?? []) as Constraint[]).filter(creatable);
    const line = (list: Constraint[]) =>
      [sqlName, dataType, ...list.map((c) => columnConstraintSql(c))].join(' ');
    definitions.push(line(constraints));
    tmpDefinitions.push(line(constraints.map(tmpNamed)));
  }
  for (const c of ((node.constraints ?? []) as Constraint[]).filter(creatable)) {
    definitions.push(modelConstraintSql(c));
    tmpDefinitions.push(modelConstraintSql(tmpNamed(c)));
  }
  return { columns, definitions, tmpDefinitions, renames };
}

/** Whether `contract: {enforced: true}` is set on the node. */
export function isContractEnforced(node: Pick<ManifestNode, 'config'>): boolean {
  const contract = node.config.contract as { enforced?: unknown } | undefined;
  return contract?.enforced === true;
}

function prefix(c: Constraint): string {
  return c.name ? `constraint ${c.name} ` : '';
}

function references(c: Constraint): string {
  return c.to ? `${c.to} (${(c.to_columns ?? []).join(', ')})` : (c.expression ?? '');
}

/** dbt's `render_column_constraint`. */
function columnConstraintSql(c: Constraint): string {
  switch (c.type) {
    case 'not_null':
      return 'not null';
    case 'unique':
      return `${prefix(c)}unique`;
    case 'primary_key':
      return `${prefix(c)}primary key`;
    case 'check':
      return `${prefix(c)}check (${c.expression})`;
    case 'foreign_key':
      return `${prefix(c)}references ${references(c)}`;
    case 'custom':
      return c.expression!;
  }
}

/** dbt's `render_model_constraint`. */
function modelConstraintSql(c: Constraint): string {
  const cols = (c.columns ?? []).join(', ');
  switch (c.type) {
    case 'check':
      return `${prefix(c)}check (${c.expression})`;
    case 'unique':
      return `${prefix(c)}unique (${cols})`;
    case 'primary_key':
      return `${prefix(c)}primary key (${cols})`;
    case 'foreign_key':
      return `${prefix(c)}foreign key (${cols}) references ${references(c)}`;
    case 'not_null':
    case 'custom':
      return c.expression ?? '';
  }
}
