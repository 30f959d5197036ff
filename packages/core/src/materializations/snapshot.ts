import type { ColumnDef, Dialect } from '../adapter/dialect';
import { TsmodelError } from '../diagnostics';
import type { RelationName } from '../manifest/types';
import { tmpRelation } from './relations';
import { snapshotSpec, type SnapshotColumnNames, type SnapshotSpec } from './snapshot-config';
import {
  keyColumnNames,
  snapshotBuildSql,
  snapshotStagingSql,
  type SnapshotColumns,
  type StagingColumns,
} from './snapshot-sql';
import { step, type PlanNode, type Step } from './step';
import { withGrants } from './grants';
import { withSqlHeader } from './sql-header';

/**
 * A snapshot (dbt's SCD type 2 table) in three phases, because each needs what the warehouse
 * answered to the one before:
 * 1. no table yet: `planSnapshotCreate` — one `create table as` of every row, current;
 * 2. `planSnapshotStaging` — the changes, staged into `__tsmodel_tmp` (the snapshot query runs
 *    here, once; the table is untouched, so a failing query leaves it as it was);
 * 3. `planSnapshotApply` — new columns, the closing update and the insert of new versions in one
 *    transaction (a failure rolls all of it back), then the staging table is dropped.
 * `--full-refresh` never rebuilds a snapshot (its history cannot be rebuilt), as in dbt.
 */
export interface SnapshotPlanInput {
  node: PlanNode;
  dialect: Dialect;
}

/** The stored spelling of a configured column name: folded like an unquoted name unless quoted. */
function storedName(name: string, dialect: Dialect): string {
  const q = dialect.quoteCharacter;
  const t = name.trim();
  if (t.length > 2 && t.startsWith(q) && t.endsWith(q)) return t.slice(1, -1).replaceAll(q + q, q);
  return dialect.foldIdentifier(t);
}

function storedColumnNames(spec: SnapshotSpec, dialect: Dialect): SnapshotColumnNames {
  const names = { ...spec.columnNames };
  for (const key of Object.keys(names) as Array<keyof SnapshotColumnNames>)
    names[key] = storedName(names[key], dialect);
  return names;
}

function quotedColumns(names: SnapshotColumnNames, dialect: Dialect): SnapshotColumns {
  const out = { ...names };
  for (const key of Object.keys(out) as Array<keyof SnapshotColumnNames>)
    out[key] = dialect.quoteIdentifier(out[key]);
  return out;
}

function specOf(input: SnapshotPlanInput): SnapshotSpec {
  return snapshotSpec(input.node.config, input.node.unique_id);
}

/** The first run: the table, with every row of the query current. */
export function planSnapshotCreate(input: SnapshotPlanInput): Step[] {
  const { node, dialect } = input;
  const spec = specOf(input);
  const columns = quotedColumns(storedColumnNames(spec, dialect), dialect);
  const sql = snapshotBuildSql({ sql: node.sql, spec, columns, dialect });
  const steps = withHeader(input, [
    step(
      'create',
      'create snapshot table',
      dialect.createTableAs(node.relation, sql, node.config),
      true,
    ),
  ]);
  return withGrants(steps, node, 'table', dialect, false);
}

/**
 * dbt's snapshot builds its table and its staging table with `create_table_as`, which puts the
 * `sql_header` first: here it runs right before each of those creates, in their transaction.
 */
function withHeader(input: SnapshotPlanInput, steps: Step[]): Step[] {
  const { node, dialect } = input;
  return withSqlHeader(
    steps,
    node.config.sql_header,
    node.unique_id,
    dialect.capabilities.transactionalDdl,
  );
}

/**
 * Whether staging needs the query's column names first (a zero-row read of the query, dbt's
 * `get_columns_in_query`): the check strategy compares columns, `new_record` copies them.
 */
export function snapshotNeedsQueryColumns(input: SnapshotPlanInput): boolean {
  const spec = specOf(input);
  return spec.strategy === 'check' || spec.hardDeletes === 'new_record';
}

/** The zero-row read of the snapshot query whose result names its columns. */
export function snapshotColumnsProbe(sql: string): string {
  return `select * from (\n${sql}\n) as dbt_sbq where 1 = 0`;
}

export interface SnapshotStagingInput extends SnapshotPlanInput {
  /** The snapshot table's columns, as the warehouse reports them. */
  tableColumns: ColumnDef[];
  /** The query's column names, when `snapshotNeedsQueryColumns` says staging needs them. */
  queryColumns?: string[];
}

/**
 * Checks the table is a snapshot of this config (dbt's `assert_valid_snapshot_target_given_strategy`)
 * and stages the changes into the tmp relation next to it.
 */
export function planSnapshotStaging(input: SnapshotStagingInput): {
  staging: RelationName;
  steps: Step[];
} {
  const { node, dialect } = input;
  const spec = specOf(input);
  const names = storedColumnNames(spec, dialect);
  const has = columnLookup(input.tableColumns);
  const required: Array<keyof SnapshotColumnNames> = [
    'dbt_scd_id',
    'dbt_valid_from',
    'dbt_valid_to',
  ];
  if (spec.hardDeletes === 'new_record') required.push('dbt_is_deleted');
  const missing = required.map((k) => names[k]).filter((n) => !has(n));
  if (missing.length > 0) throw missingColumnsError(node.unique_id, missing, spec);
  const staging = tmpRelation(node.relation, dialect);
  const sql = snapshotStagingSql({
    sql: node.sql,
    spec,
    columns: quotedColumns(names, dialect),
    dialect,
    target: dialect.renderRelation(node.relation),
    staged: stagedColumns(input, spec, has),
  });
  return {
    staging,
    steps: withHeader(input, [
      step('create', 'stage snapshot changes', dialect.createTableAs(staging, sql), false),
    ]),
  };
}

export interface SnapshotApplyInput extends SnapshotPlanInput {
  staging: RelationName;
  tableColumns: ColumnDef[];
  /** The staging table's columns, as the warehouse reports them. */
  stagingColumns: ColumnDef[];
}

/**
 * The query's new columns added to the table (dbt adds them, with the staged type), then the
 * dialect's merge — in one transaction where DDL is transactional — and the staging dropped.
 */
export function planSnapshotApply(input: SnapshotApplyInput): Step[] {
  const { node, dialect, staging } = input;
  const spec = specOf(input);
  const names = storedColumnNames(spec, dialect);
  const internal = new Set(['dbt_change_type', ...keyColumnNames(spec)]);
  const written = input.stagingColumns.filter((c) => !internal.has(c.name.toLowerCase()));
  const has = columnLookup(input.tableColumns);
  const added = written.filter((c) => !has(c.name));
  const tx = dialect.capabilities.transactionalDdl;
  const steps = [
    ...dialect
      .addColumns(node.relation, added)
      .map((sql) => step('alter', 'add new columns', sql, tx)),
    ...dialect
      .snapshotMerge({
        target: node.relation,
        staging,
        insertColumns: written.map((c) => c.name),
        scdId: names.dbt_scd_id,
        validTo: names.dbt_valid_to,
        ...(spec.validToCurrent !== undefined ? { validToCurrent: spec.validToCurrent } : {}),
      })
      .map((s) => step(s.kind, s.label, s.sql, true)),
    step('drop', 'drop staging', dialect.dropRelation('table', staging, true), false),
  ];
  // The table is kept: grants the config dropped are revoked, in the merge's transaction.
  return withGrants(steps, node, 'table', dialect, true);
}

/** Case-insensitive membership in a column list (engines report names in their own case). */
function columnLookup(columns: readonly ColumnDef[]): (name: string) => boolean {
  const names = new Set(columns.map((c) => c.name.toLowerCase()));
  return (name) => names.has(name.toLowerCase());
}

function stagedColumns(
  input: SnapshotStagingInput,
  spec: SnapshotSpec,
  inTable: (name: string) => boolean,
): StagingColumns {
  const { dialect, node } = input;
  const query = input.queryColumns ?? [];
  const q = (name: string) => dialect.quoteIdentifier(name);
  const out: StagingColumns = {};
  if (spec.strategy === 'check') {
    const byLower = new Map(query.map((c) => [c.toLowerCase(), c]));
    const listed =
      spec.checkCols === 'all'
        ? query
        : spec.checkCols!.map((col) => {
            const found = byLower.get(storedName(col, dialect).toLowerCase());
            if (found === undefined)
              throw new TsmodelError({
                code: 'invalid-snapshot-config',
                message: `${node.unique_id}: check_cols names ${col}, which the snapshot query does not return`,
                node: node.unique_id,
                hint: `the query's columns: ${query.join(', ')}`,
              });
            return found;
          });
    out.checked = {
      columns: listed.filter(inTable).map(q),
      columnAdded: listed.some((c) => !inTable(c)),
    };
  }
  if (spec.hardDeletes === 'new_record')
    out.queryColumns = query.map((c) => ({ column: q(c), inTable: inTable(c) }));
  return out;
}

function missingColumnsError(node: string, missing: string[], spec: SnapshotSpec): TsmodelError {
  const isDeleted =
    spec.hardDeletes === 'new_record' && missing.includes(spec.columnNames.dbt_is_deleted);
  return new TsmodelError({
    code: 'snapshot-target-columns',
    // dbt's words (SnapshotTargetNotSnapshotTableError); its adapter tests match them.
    message: `Compilation Error in snapshot ${node.split('.').slice(2).join('.')}: Snapshot target is missing configured columns (missing "${missing.join('", "')}")`,
    node,
    hint: isDeleted
      ? 'hard_deletes: new_record needs the column; add it to the table (text, null for existing rows) or snapshot into a new table'
      : 'the table was built with other snapshot_meta_column_names: set them back, or snapshot into a new table',
  });
}
