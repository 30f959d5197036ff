import type { ContractRules } from '../contracts/contract-rules';
import type { RelationName } from '../manifest/types';
import { eventTimeText } from '../materializations/microbatch-time';
import type {
  ColumnDef,
  Dialect,
  DialectCapabilities,
  IncrementalStatementInput,
  IncrementalStrategy,
  RelationKind,
  SeedColumn,
  SeedValueKind,
  SnapshotMergeInput,
  SnapshotStatement,
  TimeWindow,
} from './dialect';

const SEED_TYPES: Record<SeedValueKind, string> = {
  integer: 'integer',
  bigint: 'bigint',
  float: 'float8',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  text: 'text',
};

/** The longest prefix of `name` that fits in `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(name: string, maxBytes: number): string {
  if (name.length * 3 <= maxBytes) return name;
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length <= maxBytes) return name;
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/** Alias of the target in incremental statements; user `incremental_predicates` refer to it (dbt's name). */
export const DEST_ALIAS = 'DBT_INTERNAL_DEST';
/** Alias of the staged rows in incremental statements (dbt's name). */
export const SOURCE_ALIAS = 'DBT_INTERNAL_SOURCE';

/**
 * Whether a snapshot row is current, given its `dbt_valid_to` as SQL: null, or (with
 * `dbt_valid_to_current`) that value — null still counts, as in dbt, for rows written before the
 * config was set.
 */
export function isCurrentSnapshotRow(validTo: string, validToCurrent?: string): string {
  return validToCurrent === undefined
    ? `${validTo} is null`
    : `(${validTo} = ${validToCurrent} or ${validTo} is null)`;
}

/**
 * SQL-standard statement builders that Postgres-family engines and DuckDB share. A concrete
 * dialect extends this, sets `type` and `capabilities`, and overrides only the builders where
 * its engine differs (e.g. Redshift's merge cannot alias the target).
 */
export abstract class SqlDialect implements Dialect {
  abstract readonly type: string;
  readonly parentType?: string;
  abstract readonly capabilities: DialectCapabilities;
  abstract readonly contracts: ContractRules;
  readonly quoteCharacter: string = '"';

  quoteIdentifier(name: string): string {
    const q = this.quoteCharacter;
    return `${q}${name.replaceAll(q, q + q)}${q}`;
  }

  quoteString(value: string): string {
    return `'${value.replaceAll("'", "''")}'`;
  }

  renderRelation(rel: RelationName): string {
    return renderRelationName(rel, (part) => this.quoteIdentifier(part));
  }

  foldIdentifier(name: string): string {
    const fold = this.capabilities.identifierCase;
    return fold === 'lower' ? name.toLowerCase() : fold === 'upper' ? name.toUpperCase() : name;
  }

  /**
   * Folded like an unquoted name even though relations are rendered quoted: on PostgreSQL and
   * Redshift hand-written SQL (and the relation cache) fold names, so `Orders` and `orders`
   * are one table to everyone but the catalog.
   */
  identifierKey(name: string): string {
    return truncateUtf8(this.foldIdentifier(name), this.capabilities.maxIdentifierLength);
  }

  createSchemaIfNotExists(rel: Pick<RelationName, 'database' | 'schema' | 'quoting'>): string {
    const name = this.renderRelation({ ...rel, identifier: '' });
    return `create schema if not exists ${name}`;
  }

  createTableAs(rel: RelationName, sql: string): string {
    return `create table ${this.renderRelation(rel)} as (\n${sql}\n)`;
  }

  createOrReplaceTableAs(rel: RelationName, sql: string): string {
    return `create or replace table ${this.renderRelation(rel)} as (\n${sql}\n)`;
  }

  createTableWithDefinitions(rel: RelationName, definitions: string[]): string {
    return `create table ${this.renderRelation(rel)} (\n  ${definitions.join(',\n  ')}\n)`;
  }

  renameConstraint(rel: RelationName, from: string, to: string): string {
    return `alter table ${this.renderRelation(rel)} rename constraint ${from} to ${to}`;
  }

  insertSelect(rel: RelationName, columns: string[], sql: string): string {
    const cols = columns.join(', ');
    return `insert into ${this.renderRelation(rel)} (${cols})\nselect ${cols}\nfrom (\n${sql}\n) as model_subq`;
  }

  createViewAs(rel: RelationName, sql: string, options: { replace: boolean }): string {
    return `create ${options.replace ? 'or replace ' : ''}view ${this.renderRelation(rel)} as (\n${sql}\n)`;
  }

  relationComment(kind: RelationKind, rel: RelationName, comment: string): string {
    return `comment on ${kind} ${this.renderRelation(rel)} is ${this.quoteString(comment)}`;
  }

  columnComment(_kind: RelationKind, rel: RelationName, column: string, comment: string): string {
    const name = `${this.renderRelation(rel)}.${this.quoteIdentifier(column)}`;
    return `comment on column ${name} is ${this.quoteString(comment)}`;
  }

  renameRelation(kind: RelationKind, from: RelationName, to: string): string {
    return `alter ${kind} ${this.renderRelation(from)} rename to ${this.quoteIdentifier(to)}`;
  }

  dropRelation(kind: RelationKind, rel: RelationName, ifExists: boolean): string {
    return `drop ${kind} ${ifExists ? 'if exists ' : ''}${this.renderRelation(rel)}`;
  }

  truncate(rel: RelationName): string {
    return `truncate table ${this.renderRelation(rel)}`;
  }

  insertInto(target: RelationName, source: RelationName, columns: string[]): string {
    const cols = this.columnList(columns);
    return `insert into ${this.renderRelation(target)} (${cols})\nselect ${cols}\nfrom ${this.renderRelation(source)}`;
  }

  /**
   * `delete … where (k1, k2) in (select distinct k1, k2 from source)`: the tuple-IN form, not
   * `delete … using source where t.k1 = s.k1 and …`, which joined 20k×20k rows on Snowflake
   * (dbt-core#9279).
   */
  deleteInsert(input: IncrementalStatementInput): { delete: string; insert: string } {
    const { target, source, uniqueKey, columns } = input;
    const keys = this.columnList(uniqueKey);
    const conditions = [
      `(${keys}) in (\n  select distinct ${keys}\n  from ${this.renderRelation(source)} as ${SOURCE_ALIAS}\n)`,
      ...this.destPredicates(input),
    ];
    const del = `delete from ${this.targetClause(target)}\nwhere ${conditions.join('\n  and ')}`;
    return { delete: del, insert: this.insertInto(target, source, columns) };
  }

  /** Without a key there is nothing to match on: a plain insert (dbt's `on (FALSE)`). */
  merge(input: IncrementalStatementInput): string {
    const { target, source, uniqueKey, columns } = input;
    if (uniqueKey.length === 0) return this.insertInto(target, source, columns);
    const dest = this.targetRef(target);
    const on = [
      `(${uniqueKey.map((k) => `${SOURCE_ALIAS}.${this.quoteIdentifier(k)} = ${dest}.${this.quoteIdentifier(k)}`).join(' and ')})`,
      ...this.destPredicates(input),
    ].join(' and ');
    const updates = this.mergeUpdateColumns(input).map(
      (c) => `${this.quoteIdentifier(c)} = ${SOURCE_ALIAS}.${this.quoteIdentifier(c)}`,
    );
    const lines = [
      `merge into ${this.targetClause(target)}`,
      `using ${this.renderRelation(source)} as ${SOURCE_ALIAS}`,
      `on ${on}`,
      ...(updates.length > 0 ? [`when matched then update set ${updates.join(', ')}`] : []),
      `when not matched then insert (${this.columnList(columns)})`,
      `values (${columns.map((c) => `${SOURCE_ALIAS}.${this.quoteIdentifier(c)}`).join(', ')})`,
    ];
    return lines.join('\n');
  }

  /**
   * dbt-duckdb's microbatch statements: `delete … where <event_time> >= start and < end`, then
   * an insert of the staged rows in the same window. The insert keeps to the window too, so a
   * batch never writes rows its window's delete would not replace on the next run.
   */
  replaceWindow(input: IncrementalStatementInput & { window: TimeWindow }): {
    delete: string;
    insert: string;
  } {
    const { target, source, columns, window } = input;
    const inWindow = this.windowConditions(window);
    const conditions = [...inWindow, ...this.destPredicates(input)];
    const del = `delete from ${this.targetClause(target)}\nwhere ${conditions.join('\n  and ')}`;
    const insert = `${this.insertInto(target, source, columns)}\nwhere ${inWindow.join('\n  and ')}`;
    return { delete: del, insert };
  }

  selectInWindow(sql: string, window: TimeWindow): string {
    return `select * from (\n${sql}\n) as dbt_batch_rows\nwhere ${this.windowConditions(window).join('\n  and ')}`;
  }

  private windowConditions(window: TimeWindow): string[] {
    return [
      `${window.eventTime} >= ${this.timeLiteral(window.start)}`,
      `${window.eventTime} < ${this.timeLiteral(window.end)}`,
    ];
  }

  /** dbt's text of the time, a plain string literal the engine casts to the column's type. */
  timeLiteral(t: Date): string {
    return this.quoteString(eventTimeText(t));
  }

  defaultIncrementalStrategy(uniqueKey: string[]): IncrementalStrategy {
    return uniqueKey.length > 0 ? 'delete+insert' : 'append';
  }

  /** Standard SQL's clock; engines override it with dbt's spelling for them. */
  snapshotTime(): string {
    return 'cast(current_timestamp as timestamp)';
  }

  /** dbt's `default__snapshot_hash_arguments`, which no adapter here overrides. */
  snapshotHash(args: string[]): string {
    return `md5(${args.map((a) => `coalesce(cast(${a} as varchar), '')`).join(" || '|' || ")})`;
  }

  /**
   * dbt-postgres' `snapshot_merge_sql` (dbt-duckdb and dbt-redshift use it too): an update of
   * the closed rows, then an insert of the new ones.
   */
  snapshotMerge(input: SnapshotMergeInput): SnapshotStatement[] {
    const { target, staging, insertColumns } = input;
    const dest = this.targetRef(target);
    const src = SOURCE_ALIAS;
    const validTo = this.quoteIdentifier(input.validTo);
    const scdId = this.quoteIdentifier(input.scdId);
    const update = [
      `update ${this.targetClause(target)}`,
      `set ${validTo} = ${src}.${validTo}`,
      `from ${this.renderRelation(staging)} as ${src}`,
      `where ${src}.${scdId} = ${dest}.${scdId}`,
      `  and ${src}.dbt_change_type in ('update', 'delete')`,
      `  and ${isCurrentSnapshotRow(`${dest}.${validTo}`, input.validToCurrent)}`,
    ].join('\n');
    const insert = [
      `insert into ${this.renderRelation(target)} (${this.columnList(insertColumns)})`,
      `select ${insertColumns.map((c) => `${src}.${this.quoteIdentifier(c)}`).join(', ')}`,
      `from ${this.renderRelation(staging)} as ${src}`,
      `where ${src}.dbt_change_type = 'insert'`,
    ].join('\n');
    return [
      { kind: 'update', label: 'close changed rows', sql: update },
      { kind: 'insert', label: 'insert new versions', sql: insert },
    ];
  }

  addColumns(rel: RelationName, columns: ColumnDef[]): string[] {
    return columns.map(
      (c) =>
        `alter table ${this.renderRelation(rel)} add column ${this.quoteIdentifier(c.name)} ${c.dataType}`,
    );
  }

  dropColumns(rel: RelationName, columns: string[]): string[] {
    return columns.map(
      (c) => `alter table ${this.renderRelation(rel)} drop column ${this.quoteIdentifier(c)}`,
    );
  }

  alterColumnTypes(rel: RelationName, columns: ColumnDef[]): string[] {
    return columns.map(
      (c) =>
        `alter table ${this.renderRelation(rel)} alter column ${this.quoteIdentifier(c.name)} type ${c.dataType}`,
    );
  }

  /** dbt's SQL-adapter defaults: `integer`/`float8` by decimals, `timestamp` without zone, `text`. */
  seedColumnType(column: SeedColumn): string {
    return SEED_TYPES[column.kind];
  }

  createTable(rel: RelationName, columns: ColumnDef[]): string {
    const defs = columns.map((c) => `  ${this.quoteIdentifier(c.name)} ${c.dataType}`);
    return `create table ${this.renderRelation(rel)} (\n${defs.join(',\n')}\n)`;
  }

  /** Every value as a string literal: the engine casts it to the column's type on insert. */
  insertValues(target: RelationName, columns: string[], rows: (string | null)[][]): string {
    const values = rows.map(
      (row) => `(${row.map((v) => (v === null ? 'null' : this.quoteString(v))).join(', ')})`,
    );
    return `insert into ${this.renderRelation(target)} (${this.columnList(columns)}) values\n${values.join(',\n')}`;
  }

  /**
   * The target as written after `delete from` / `merge into`: aliased `DBT_INTERNAL_DEST`, the
   * name user `incremental_predicates` are written against.
   */
  protected targetClause(target: RelationName): string {
    return `${this.renderRelation(target)} as ${DEST_ALIAS}`;
  }

  /** How conditions refer to the target's columns (`DBT_INTERNAL_DEST.col`). */
  protected targetRef(_target: RelationName): string {
    return DEST_ALIAS;
  }

  /** `incremental_predicates`, each parenthesized, as conditions on the target. */
  protected destPredicates(input: IncrementalStatementInput): string[] {
    return input.predicates.map((p) => `(${p})`);
  }

  /** Columns a matched merge row updates: every non-key column. */
  protected mergeUpdateColumns(input: IncrementalStatementInput): string[] {
    if (input.updateColumns) return input.updateColumns;
    const kept = new Set([...input.uniqueKey, ...(input.excludeColumns ?? [])]);
    return input.columns.filter((c) => !kept.has(c));
  }

  protected columnList(columns: string[]): string {
    return columns.map((c) => this.quoteIdentifier(c)).join(', ');
  }
}

/**
 * `database.schema.identifier` with empty parts left out, each part quoted by `quote` unless
 * the relation's `quoting` says it is printed bare (dbt's `quoting:`).
 */
export function renderRelationName(rel: RelationName, quote: (part: string) => string): string {
  const q = rel.quoting ?? {};
  const parts: Array<[string | undefined, boolean | undefined]> = [
    [rel.database, q.database],
    [rel.schema, q.schema],
    [rel.identifier, q.identifier],
  ];
  return parts
    .filter((part): part is [string, boolean | undefined] => !!part[0])
    .map(([part, quoted]) => (quoted === false ? part : quote(part)))
    .join('.');
}
