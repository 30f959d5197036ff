import type { Dialect } from '../adapter/dialect';
import { isCurrentSnapshotRow } from '../adapter/sql-dialect';
import type { SnapshotColumnNames, SnapshotSpec } from './snapshot-config';

/**
 * The SELECTs of a snapshot, after dbt's `build_snapshot_table` and `snapshot_staging_table`
 * (dbt-adapters' global project), so a snapshot table tsmodel keeps reads exactly like one dbt
 * keeps: the same columns, `dbt_scd_id` hashes, validity intervals and change rules.
 */

/** A snapshot's own columns, quoted for SQL. */
export type SnapshotColumns = SnapshotColumnNames;

/** What the SELECT builders share: the snapshot's query, config and the names it writes. */
export interface SnapshotSqlInput {
  sql: string;
  spec: SnapshotSpec;
  /** Quoted names of the snapshot's own columns. */
  columns: SnapshotColumns;
  dialect: Dialect;
}

/** The rows' "changed at": the `updated_at` column, or (check strategy without one) the snapshot time. */
export function updatedAtOf({ spec, dialect }: Pick<SnapshotSqlInput, 'spec' | 'dialect'>): string {
  return spec.updatedAt ?? dialect.snapshotTime();
}

/** `dbt_scd_id`: the hash of the key and `updated_at`, one per version of a row. */
function scdIdOf(input: Pick<SnapshotSqlInput, 'spec' | 'dialect'>): string {
  return input.dialect.snapshotHash([...input.spec.uniqueKey, updatedAtOf(input)]);
}

/**
 * `dbt_valid_to` of a current row: null (typed like `updated_at`, which `nullif(x, x)` gives),
 * or `dbt_valid_to_current`.
 */
function currentValidTo(input: Pick<SnapshotSqlInput, 'spec' | 'dialect'>): string {
  const at = updatedAtOf(input);
  return `coalesce(nullif(${at}, ${at}), ${input.spec.validToCurrent ?? 'null'})`;
}

/** The first run: every row of the query, current, with the snapshot's columns added. */
export function snapshotBuildSql(input: SnapshotSqlInput): string {
  const { sql, spec, columns: c } = input;
  const at = updatedAtOf(input);
  const lines = [
    `select *,`,
    `  ${scdIdOf(input)} as ${c.dbt_scd_id},`,
    `  ${at} as ${c.dbt_updated_at},`,
    `  ${at} as ${c.dbt_valid_from},`,
    `  ${currentValidTo(input)} as ${c.dbt_valid_to}${spec.hardDeletes === 'new_record' ? ',' : ''}`,
    ...(spec.hardDeletes === 'new_record' ? [`  'False' as ${c.dbt_is_deleted}`] : []),
    `from (`,
    sql,
    `) sbq`,
  ];
  return lines.join('\n');
}

/** The names of the key columns staging rows carry (dbt's `dbt_unique_key[_n]`). */
export function keyColumnNames(spec: SnapshotSpec): string[] {
  return spec.keyIsList
    ? spec.uniqueKey.map((_, i) => `dbt_unique_key_${i + 1}`)
    : ['dbt_unique_key'];
}

function keyFields(spec: SnapshotSpec, from?: string): string {
  const names = keyColumnNames(spec);
  return names
    .map((name, i) => `${from ? `${from}.${name}` : spec.uniqueKey[i]} as ${name}`)
    .join(', ');
}

function keyJoin(spec: SnapshotSpec, left: string, right: string): string {
  return keyColumnNames(spec)
    .map((k) => `${left}.${k} = ${right}.${k}`)
    .join(' and ');
}

function keyIsNull(spec: SnapshotSpec, rel: string, negate = false): string {
  return `${rel}.${keyColumnNames(spec)[0]} is ${negate ? 'not ' : ''}null`;
}

/** The columns of a staged change: what check strategies compare and deletions copy. */
export interface StagingColumns {
  /** `check`: the quoted columns compared; `true` when a checked column is new to the table. */
  checked?: { columns: string[]; columnAdded: boolean };
  /**
   * `new_record`: each column of the query, quoted, and whether the table has it (a deletion
   * record copies the last version's value, or null for a column the table lacks).
   */
  queryColumns?: Array<{ column: string; inTable: boolean }>;
}

/**
 * The staged changes of a later run, one row per change tagged `dbt_change_type`:
 * `insert` (a new key, a new version, or with `new_record` a deletion record), `update` (the
 * current version a new one replaces) and `delete` (the current version of a key the query no
 * longer returns, with `invalidate`/`new_record`).
 */
export function snapshotStagingSql(
  input: SnapshotSqlInput & { target: string; staged: StagingColumns },
): string {
  const { sql, spec, columns: c, dialect, target } = input;
  const at = updatedAtOf(input);
  const now = dialect.snapshotTime();
  const newRecord = spec.hardDeletes === 'new_record';
  const tracksDeletes = spec.hardDeletes !== 'ignore';
  const current = (rel?: string) =>
    isCurrentSnapshotRow(rel ? `${rel}.${c.dbt_valid_to}` : c.dbt_valid_to, spec.validToCurrent);
  const wasDeleted = newRecord ? ` or snapshotted_data.${c.dbt_is_deleted} = 'True'` : '';
  const rowChanged = `(${rowChangedOf(input)}${wasDeleted})`;
  const notAlreadyDeleted = `not (\n      snapshotted_data.${c.dbt_is_deleted} = 'True'\n      and ${current('snapshotted_data')}\n    )`;
  const ctes = [
    `snapshot_query as (\n${sql}\n)`,
    `snapshotted_data as (\n  select *, ${keyFields(spec)}\n  from ${target}\n  where ${current()}\n)`,
    [
      `insertions_source_data as (`,
      `  select *, ${keyFields(spec)},`,
      `    ${at} as ${c.dbt_updated_at},`,
      `    ${at} as ${c.dbt_valid_from},`,
      `    ${currentValidTo(input)} as ${c.dbt_valid_to},`,
      `    ${scdIdOf(input)} as ${c.dbt_scd_id}`,
      `  from snapshot_query`,
      `)`,
    ].join('\n'),
    [
      `updates_source_data as (`,
      `  select *, ${keyFields(spec)},`,
      `    ${at} as ${c.dbt_updated_at},`,
      `    ${at} as ${c.dbt_valid_from},`,
      `    ${at} as ${c.dbt_valid_to}`,
      `  from snapshot_query`,
      `)`,
    ].join('\n'),
    ...(tracksDeletes
      ? [`deletes_source_data as (\n  select *, ${keyFields(spec)}\n  from snapshot_query\n)`]
      : []),
    [
      `insertions as (`,
      `  select 'insert' as dbt_change_type, source_data.*${newRecord ? `, 'False' as ${c.dbt_is_deleted}` : ''}`,
      `  from insertions_source_data as source_data`,
      `  left outer join snapshotted_data on ${keyJoin(spec, 'snapshotted_data', 'source_data')}`,
      `  where ${keyIsNull(spec, 'snapshotted_data')}`,
      `    or (${keyIsNull(spec, 'snapshotted_data', true)} and ${rowChanged})`,
      `)`,
    ].join('\n'),
    [
      `updates as (`,
      `  select 'update' as dbt_change_type, source_data.*, snapshotted_data.${c.dbt_scd_id}${newRecord ? `, snapshotted_data.${c.dbt_is_deleted}` : ''}`,
      `  from updates_source_data as source_data`,
      `  join snapshotted_data on ${keyJoin(spec, 'snapshotted_data', 'source_data')}`,
      `  where ${rowChanged}`,
      `)`,
    ].join('\n'),
    ...(tracksDeletes
      ? [
          [
            `deletes as (`,
            `  select 'delete' as dbt_change_type, source_data.*,`,
            `    ${now} as ${c.dbt_valid_from},`,
            `    ${now} as ${c.dbt_updated_at},`,
            `    ${now} as ${c.dbt_valid_to},`,
            `    snapshotted_data.${c.dbt_scd_id}${newRecord ? `, snapshotted_data.${c.dbt_is_deleted}` : ''}`,
            `  from snapshotted_data`,
            `  left join deletes_source_data as source_data on ${keyJoin(spec, 'snapshotted_data', 'source_data')}`,
            `  where ${keyIsNull(spec, 'source_data')}`,
            ...(newRecord ? [`    and ${notAlreadyDeleted}`] : []),
            `)`,
          ].join('\n'),
        ]
      : []),
    ...(newRecord ? [deletionRecords(input, now, notAlreadyDeleted)] : []),
  ];
  const selects = ['insertions', 'updates', ...(tracksDeletes ? ['deletes'] : [])];
  if (newRecord) selects.push('deletion_records');
  return `with ${ctes.join(',\n')}\nselect * from ${selects.join('\nunion all\nselect * from ')}`;
}

/**
 * `new_record`: for each key the query no longer returns, a current row marked
 * `dbt_is_deleted = 'True'` carrying the last version's values.
 */
function deletionRecords(
  input: SnapshotSqlInput & { staged: StagingColumns },
  now: string,
  notAlreadyDeleted: string,
): string {
  const { spec, columns: c, dialect } = input;
  const values = (input.staged.queryColumns ?? []).map(
    ({ column, inTable }) => `${inTable ? 'snapshotted_data' : 'source_data'}.${column}`,
  );
  return [
    `deletion_records as (`,
    `  select 'insert' as dbt_change_type,`,
    ...values.map((v) => `    ${v},`),
    `    ${keyFields(spec, 'snapshotted_data')},`,
    `    ${now} as ${c.dbt_valid_from},`,
    `    ${now} as ${c.dbt_updated_at},`,
    `    snapshotted_data.${c.dbt_valid_to} as ${c.dbt_valid_to},`,
    `    ${dialect.snapshotHash([`snapshotted_data.${c.dbt_scd_id}`, now])} as ${c.dbt_scd_id},`,
    `    'True' as ${c.dbt_is_deleted}`,
    `  from snapshotted_data`,
    `  left join deletes_source_data as source_data on ${keyJoin(spec, 'snapshotted_data', 'source_data')}`,
    `  where ${keyIsNull(spec, 'source_data')}`,
    `    and ${notAlreadyDeleted}`,
    `)`,
  ].join('\n');
}

/**
 * Whether a key's current version differs from the query's row: `timestamp` — the row's
 * `updated_at` is later than the version's `dbt_valid_from`; `check` — a checked column differs
 * (nulls compared as values), or every row when a checked column is new to the table.
 */
function rowChangedOf(input: SnapshotSqlInput & { staged: StagingColumns }): string {
  const { spec, columns: c } = input;
  if (spec.strategy === 'timestamp')
    return `snapshotted_data.${c.dbt_valid_from} < source_data.${c.dbt_updated_at}`;
  const checked = input.staged.checked!;
  if (checked.columnAdded) return 'TRUE';
  return checked.columns
    .map((col) => {
      const [s, d] = [`snapshotted_data.${col}`, `source_data.${col}`];
      return `${s} != ${d} or ((${s} is null) and not (${d} is null)) or ((not ${s} is null) and (${d} is null))`;
    })
    .join(' or ');
}
