import type { Dialect } from '../adapter/dialect';
import { isContractEnforced } from '../contracts/contract-ddl';
import { readConstraint, type Constraint } from '../contracts/constraints';
import { TsmodelError } from '../diagnostics';
import type { ManifestNode, RelationName } from '../manifest/types';
import type { DependencyResolver } from './dependency-resolver';

export interface ContractCheckInput {
  nodes: ReadonlyMap<string, ManifestNode>;
  resolver: DependencyResolver;
  renderRelation: (rel: RelationName) => string;
  /** The target's dialect: which constraints it enforces. Absent: support is not reported. */
  dialect?: Dialect;
}

const REF = /^\s*ref\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"])([^'"]+)\3\s*)?\)\s*$/;
const SOURCE = /^\s*source\(\s*(['"])([^'"]+)\1\s*,\s*(['"])([^'"]+)\3\s*\)\s*$/;

/**
 * Checks every model contract before anything runs, so a wrong contract fails the compile
 * and builds nothing: an enforced contract needs a typed column list and a materialization
 * that builds a relation; each constraint must be well formed; a foreign key's `to:` is
 * resolved to the relation it names (and becomes a dependency, so the referenced table is
 * built first). Constraints the engine only records, or cannot create, are warned about, as in
 * dbt; constraints without an enforced contract are never applied, which is said too.
 */
export function checkContracts(input: ContractCheckInput): {
  problems: TsmodelError[];
  warnings: TsmodelError[];
} {
  const problems: TsmodelError[] = [];
  const warnings: TsmodelError[] = [];
  for (const node of input.nodes.values()) {
    if (node.resource_type !== 'model') continue;
    const file = node.patch_path ?? node.original_file_path;
    const fail = (message: string, hint: string) =>
      problems.push(
        new TsmodelError({
          code: 'bad-contract',
          message,
          hint,
          location: { file },
          node: node.unique_id,
        }),
      );
    const enforced = isContractEnforced(node);
    const constrained = readAll(node, fail);
    if (!enforced) {
      if (constrained.length > 0)
        warnings.push(
          new TsmodelError({
            code: 'constraints-without-contract',
            message: `the constraints of model '${node.name}' are not applied: its contract is not enforced`,
            hint: 'add `contract: {enforced: true}` to its config, or remove the constraints',
            location: { file },
            node: node.unique_id,
          }),
        );
      continue;
    }
    const materialized = node.config.materialized;
    if (materialized === 'ephemeral') {
      fail(
        `model '${node.name}' enforces a contract but is ephemeral: an ephemeral model builds no relation to hold it to`,
        'materialize it as a table, view or incremental model, or remove `contract: {enforced: true}`',
      );
      continue;
    }
    const columns = Object.values(node.columns);
    if (columns.length === 0) {
      fail(
        `model '${node.name}' enforces a contract but its properties list no columns`,
        'list every column the model returns, each with its `data_type:`',
      );
      continue;
    }
    const untyped = columns.filter((c) => !c.data_type?.trim()).map((c) => c.name);
    if (untyped.length > 0)
      fail(
        `model '${node.name}' enforces a contract, so every column needs a data_type: ${untyped.join(', ')} ${untyped.length === 1 ? 'has' : 'have'} none`,
        'add `data_type: <type>` to each of them',
      );
    if (materialized === 'view' && constrained.length > 0)
      warnings.push(
        new TsmodelError({
          code: 'constraints-on-view',
          message: `the constraints of view '${node.name}' are not applied: only tables and incremental models carry constraints (its columns and types are still checked)`,
          hint: 'materialize it as a table to have them created',
          location: { file },
          node: node.unique_id,
        }),
      );
    const names = new Set(columns.map((c) => c.name));
    for (const { constraint, column } of constrained) {
      for (const name of constraint.columns ?? [])
        if (!names.has(name))
          fail(
            `a ${constraint.type} constraint of model '${node.name}' names column '${name}', which its contract does not list`,
            `list '${name}' under the model's columns, or fix the name`,
          );
      if (constraint.to) resolveTarget(input, node, constraint, fail);
      if (input.dialect && materialized !== 'view')
        supportWarning(input.dialect, node, constraint, column, warnings);
    }
  }
  return { problems, warnings };
}

/** Reads and replaces, in place, every column and model constraint of `node`. */
function readAll(
  node: ManifestNode,
  fail: (message: string, hint: string) => void,
): Array<{ constraint: Constraint; column?: string }> {
  const found: Array<{ constraint: Constraint; column?: string }> = [];
  const read = (list: unknown[], level: 'column' | 'model', column?: string): Constraint[] =>
    list.flatMap((raw) => {
      const out = readConstraint(raw, level);
      if ('problem' in out) {
        fail(
          `${column ? `column '${column}' of ` : ''}model '${node.name}': ${out.problem}`,
          out.hint,
        );
        return [];
      }
      found.push({ constraint: out.constraint, ...(column ? { column } : {}) });
      return [out.constraint];
    });
  for (const info of Object.values(node.columns))
    if (info.constraints) info.constraints = read(info.constraints, 'column', info.name);
  if (node.constraints) node.constraints = read(node.constraints, 'model');
  return found;
}

/** `to: ref('customers')` → the rendered relation, and a dependency on it. */
function resolveTarget(
  input: ContractCheckInput,
  node: ManifestNode,
  constraint: Constraint,
  fail: (message: string, hint: string) => void,
): void {
  const to = constraint.to!;
  const ref = REF.exec(to);
  const source = ref ? undefined : SOURCE.exec(to);
  const hit = ref
    ? input.resolver.resolveRef(node, ref[4] ? { pkg: ref[2], name: ref[4] } : { name: ref[2]! })
    : source
      ? input.resolver.resolveSource(node, source[2]!, source[4]!)
      : undefined;
  if (hit === undefined) {
    fail(
      `the foreign key of model '${node.name}' has \`to: ${to}\`, which is not a ref() or source() call`,
      "write `to: ref('customers')` or `to: source('raw', 'customers')`",
    );
    return;
  }
  if (hit instanceof TsmodelError) {
    fail(
      `the foreign key of model '${node.name}': ${hit.message}`,
      hit.hint ?? 'fix the `to:` reference',
    );
    return;
  }
  if (!hit.relation) {
    fail(
      `the foreign key of model '${node.name}' references ${hit.unique_id}, which builds no relation`,
      'reference a table model, seed, snapshot or source',
    );
    return;
  }
  // Within one database the reference names no database: DuckDB refuses a database-qualified
  // foreign key outright ("cannot be defined cross-database"), even to its own catalog.
  const { database, ...inSchema } = hit.relation;
  const sameDatabase = database === undefined || database === node.relation?.database;
  constraint.to = input.renderRelation(sameDatabase ? inSchema : hit.relation);
  if (hit.resource_type !== 'source' && !node.depends_on.nodes.includes(hit.unique_id))
    node.depends_on = { ...node.depends_on, nodes: [...node.depends_on.nodes, hit.unique_id] };
}

function supportWarning(
  dialect: Dialect,
  node: ManifestNode,
  constraint: Constraint,
  column: string | undefined,
  warnings: TsmodelError[],
): void {
  const support = dialect.contracts.constraintSupport[constraint.type];
  const what = `the ${constraint.type} constraint ${column ? `on column '${column}' ` : ''}of model '${node.name}'`;
  const location = { file: node.patch_path ?? node.original_file_path };
  if (support === 'not_supported' && constraint.warn_unsupported !== false)
    warnings.push(
      new TsmodelError({
        code: 'constraint-not-supported',
        message: `${what} is left out: ${dialect.type} cannot create ${constraint.type} constraints`,
        hint: 'test the rule with a data test instead, or set `warn_unsupported: false` on the constraint',
        location,
        node: node.unique_id,
      }),
    );
  if (support === 'not_enforced' && constraint.warn_unenforced !== false)
    warnings.push(
      new TsmodelError({
        code: 'constraint-not-enforced',
        message: `${what} is created but not enforced: ${dialect.type} does not check ${constraint.type} constraints`,
        hint: 'add a data test for the rule too, or set `warn_unenforced: false` on the constraint',
        location,
        node: node.unique_id,
      }),
    );
}
