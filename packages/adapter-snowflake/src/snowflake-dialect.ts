import { basename } from 'node:path';
import {
  DEST_ALIAS,
  isCurrentSnapshotRow,
  SOURCE_ALIAS,
  SqlDialect,
  truncateUtf8,
  type ColumnDef,
  type CsvSource,
  type DialectCapabilities,
  type IncrementalStatementInput,
  type IncrementalStrategy,
  type RelationKind,
  type SeedColumn,
  type ContractRules,
  type SnapshotMergeInput,
  type SnapshotStatement,
} from '@tsmodel/core/adapter';
import { snowflakeContractRules } from './snowflake-contract-rules';
import type { NodeConfig, RelationName } from '@tsmodel/core';
import { clusterByOf, isSecure, isTransient, wantsAutomaticClustering } from './relation-config';

/** A name Snowflake reads the same quoted or not, once folded to upper case. */
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** Snowflake's reserved keywords: never left bare, even when they look plain. */
const RESERVED = new Set(
  (
    'account all alter and any as between by case cast check column connect connection ' +
    'constraint create cross current current_date current_time current_timestamp current_user ' +
    'database delete distinct drop else exists false following for from full grant group ' +
    'gscluster having ilike in increment inner insert intersect into is issue join lateral left ' +
    'like localtime localtimestamp minus natural not null of on or order organization qualify ' +
    'regexp revoke right rlike row rows sample schema select set some start table tablesample ' +
    'then to trigger true try_cast union unique update using values view when whenever where with'
  ).split(' '),
);

/**
 * Snowflake: DDL auto-commits (no transactional swap), but `create or replace table` is one
 * atomic statement, so tables rebuild in place; tables are `transient` as in dbt-snowflake (no
 * Fail-safe storage for data a run can rebuild) unless `transient: false`. Unquoted names fold
 * to upper case, so plain names are left unquoted — dbt-snowflake's default quoting — and `id`
 * in a model and `ID` in the catalog are the same column. `merge` is the default incremental
 * strategy; `insert_overwrite` replaces every row in one statement.
 */
export class SnowflakeDialect extends SqlDialect {
  readonly type = 'snowflake';
  readonly contracts: ContractRules = snowflakeContractRules;
  readonly capabilities: DialectCapabilities = {
    transactionalDdl: false,
    atomicCreateOrReplaceTable: true,
    createOrReplaceView: true,
    merge: true,
    // Snowflake can move a relation across schemas on rename; planners never rely on it.
    renameAcrossSchemas: true,
    identifierCase: 'upper',
    maxIdentifierLength: 255,
    subqueryNeedsAlias: false,
  };
  /** dbt-snowflake's default: seed headers fold to upper case unless `quote_columns: true`. */
  readonly seedQuoteColumns = false;

  /** Bare when the folded name is unambiguous; quoted (case kept) otherwise. */
  quoteIdentifier(name: string): string {
    if (PLAIN_IDENTIFIER.test(name) && !RESERVED.has(name.toLowerCase())) return name;
    return super.quoteIdentifier(name);
  }

  /** Bare names fold to upper case; quoted ones (see `quoteIdentifier`) keep their case. */
  identifierKey(name: string): string {
    const stored = this.quoteIdentifier(name) === name ? name.toUpperCase() : name;
    return truncateUtf8(stored, this.capabilities.maxIdentifierLength);
  }

  /** Snowflake reads `\` as an escape inside single-quoted strings. */
  quoteString(value: string): string {
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  }

  createTableAs(rel: RelationName, sql: string, config?: NodeConfig): string {
    return this.tableAs('create', rel, sql, config);
  }

  createOrReplaceTableAs(rel: RelationName, sql: string, config?: NodeConfig): string {
    return this.tableAs('create or replace', rel, sql, config);
  }

  /**
   * dbt-snowflake's view: `secure` hides the definition from non-owners, `copy grants` keeps
   * the grants of the view it replaces.
   */
  createViewAs(
    rel: RelationName,
    sql: string,
    options: { replace: boolean },
    config?: NodeConfig,
  ): string {
    const create = `create ${options.replace ? 'or replace ' : ''}${isSecure(config) ? 'secure ' : ''}view`;
    const grants = config?.copy_grants === true ? ' copy grants' : '';
    return `${create} ${this.renderRelation(rel)}${grants} as (\n${sql}\n)`;
  }

  /** The clustering key, then (`automatic_clustering: true`) Snowflake's own reclustering. */
  afterCreateTable(rel: RelationName, config: NodeConfig): string[] {
    const clusterBy = clusterByOf(config);
    if (clusterBy.length === 0) return [];
    const table = this.renderRelation(rel);
    return [
      `alter table ${table} cluster by (${clusterBy.join(', ')})`,
      ...(wantsAutomaticClustering(config) ? [`alter table ${table} resume recluster`] : []),
    ];
  }

  /** dbt-snowflake's clone: transient unless `transient: false`, grants kept on request. */
  cloneTable(rel: RelationName, source: RelationName, config?: NodeConfig): string {
    const kind = isTransient(config) ? 'transient table' : 'table';
    const grants = config?.copy_grants === true ? ' copy grants' : '';
    return `create or replace ${kind} ${this.renderRelation(rel)} clone ${this.renderRelation(source)}${grants}`;
  }

  /** dbt-snowflake's contracted table: declared columns and the rows in one atomic statement. */
  createOrReplaceTableWithDefinitionsAs(
    rel: RelationName,
    definitions: string[],
    sql: string,
    config?: NodeConfig,
  ): string {
    const kind = isTransient(config) ? 'transient table' : 'table';
    const grants = config?.copy_grants === true ? ' copy grants' : '';
    return `create or replace ${kind} ${this.renderRelation(rel)} (\n  ${definitions.join(',\n  ')}\n)${grants} as (\n${sql}\n)`;
  }

  createTableWithDefinitions(
    rel: RelationName,
    definitions: string[],
    config?: NodeConfig,
  ): string {
    const kind = isTransient(config) ? 'transient table' : 'table';
    return `create ${kind} ${this.renderRelation(rel)} (\n  ${definitions.join(',\n  ')}\n)`;
  }

  createTable(rel: RelationName, columns: ColumnDef[]): string {
    return super.createTable(rel, columns).replace(/^create table /, 'create transient table ');
  }

  /**
   * dbt-snowflake's column comment: `alter … alter column … comment`, for tables and views
   * alike (the relation's own is `comment on`, as everywhere).
   */
  columnComment(kind: RelationKind, rel: RelationName, column: string, comment: string): string {
    return `alter ${kind} ${this.renderRelation(rel)} alter column ${this.quoteIdentifier(column)} comment ${this.quoteString(comment)}`;
  }

  /** An unqualified new name would land in the session's current schema: qualify it. */
  renameRelation(kind: RelationKind, from: RelationName, to: string): string {
    return `alter ${kind} ${this.renderRelation(from)} rename to ${this.renderRelation({ ...from, identifier: to })}`;
  }

  alterColumnTypes(rel: RelationName, columns: ColumnDef[]): string[] {
    return columns.map(
      (c) =>
        `alter table ${this.renderRelation(rel)} alter column ${this.quoteIdentifier(c.name)} set data type ${c.dataType}`,
    );
  }

  /** dbt-snowflake's microbatch predicates: `to_timestamp_tz('2024-01-01 00:00:00+00:00')`. */
  timeLiteral(t: Date): string {
    return `to_timestamp_tz(${super.timeLiteral(t)})`;
  }

  /** dbt-snowflake's default is merge whatever the key (keyless merge is a plain insert). */
  defaultIncrementalStrategy(): IncrementalStrategy {
    return 'merge';
  }

  /** dbt-snowflake's `insert_overwrite`: every row of the target replaced in one statement. */
  insertOverwrite(input: IncrementalStatementInput): string {
    const cols = this.columnList(input.columns);
    return `insert overwrite into ${this.renderRelation(input.target)} (${cols})\nselect ${cols}\nfrom ${this.renderRelation(input.source)}`;
  }

  /** dbt-snowflake's `snapshot_get_time`: UTC, without time zone. */
  snapshotTime(): string {
    return "to_timestamp_ntz(convert_timezone('UTC', current_timestamp()))";
  }

  /**
   * dbt's `default__snapshot_merge_sql`, which dbt-snowflake uses: one MERGE closes the changed
   * and deleted current rows and inserts the new versions, atomically without a transaction.
   */
  snapshotMerge(input: SnapshotMergeInput): SnapshotStatement[] {
    const validTo = this.quoteIdentifier(input.validTo);
    const scdId = this.quoteIdentifier(input.scdId);
    const cols = this.columnList(input.insertColumns);
    const values = input.insertColumns.map((c) => `${SOURCE_ALIAS}.${this.quoteIdentifier(c)}`);
    const sql = [
      `merge into ${this.renderRelation(input.target)} as ${DEST_ALIAS}`,
      `using ${this.renderRelation(input.staging)} as ${SOURCE_ALIAS}`,
      `on ${SOURCE_ALIAS}.${scdId} = ${DEST_ALIAS}.${scdId}`,
      `when matched`,
      `  and ${isCurrentSnapshotRow(`${DEST_ALIAS}.${validTo}`, input.validToCurrent)}`,
      `  and ${SOURCE_ALIAS}.dbt_change_type in ('update', 'delete')`,
      `  then update set ${validTo} = ${SOURCE_ALIAS}.${validTo}`,
      `when not matched`,
      `  and ${SOURCE_ALIAS}.dbt_change_type = 'insert'`,
      `  then insert (${cols})`,
      `  values (${values.join(', ')})`,
    ].join('\n');
    return [{ kind: 'merge', label: 'merge snapshot changes', sql }];
  }

  /**
   * A large seed goes up as a file, not as rows in statements: PUT it into a temporary stage
   * of the session (gzipped by the driver), COPY INTO the table (header skipped, quotes as in
   * the file, empty fields null; any bad row aborts the statement), and purge the stage.
   */
  stagedCsvLoad(
    target: RelationName,
    csv: CsvSource,
    columns: string[],
  ): Array<{ label: string; sql: string; transactional: boolean }> {
    const stage = this.renderRelation({
      ...target,
      identifier: `TSMODEL_SEED__${target.identifier}`.slice(0, 255),
    });
    const file = basename(csv.path);
    const format = [
      'type = csv',
      `field_delimiter = ${this.quoteString(csv.delimiter)}`,
      'skip_header = 1',
      `field_optionally_enclosed_by = '"'`,
      'empty_field_as_null = true',
      'null_if = ()',
    ].join(' ');
    return [
      {
        label: 'create seed stage',
        sql: `create or replace temporary stage ${stage}`,
        transactional: false,
      },
      {
        label: 'upload seed file',
        sql: `put ${this.quoteString(`file://${csv.path}`)} @${stage} auto_compress = true overwrite = true`,
        transactional: false,
      },
      {
        label: 'copy seed rows',
        sql: [
          `copy into ${this.renderRelation(target)} (${columns.map((c) => this.quoteIdentifier(c)).join(', ')})`,
          `from @${stage}`,
          `files = (${this.quoteString(`${file}.gz`)})`,
          `file_format = (${format})`,
          'on_error = abort_statement',
          'purge = true',
        ].join('\n'),
        transactional: true,
      },
    ];
  }

  seedColumnType(column: SeedColumn): string {
    if (column.kind === 'float') return 'float';
    if (column.kind === 'timestamp') return 'timestamp_ntz';
    if (column.kind === 'text') return 'varchar';
    return super.seedColumnType(column);
  }

  /**
   * dbt-snowflake's `create_table_as`: transient unless `transient: false`, `copy grants` on
   * request, and rows written in `cluster_by` order so the table starts out clustered.
   */
  private tableAs(create: string, rel: RelationName, sql: string, config?: NodeConfig): string {
    const kind = isTransient(config) ? 'transient table' : 'table';
    const grants = config?.copy_grants === true ? ' copy grants' : '';
    const clusterBy = config ? clusterByOf(config) : [];
    const body =
      clusterBy.length > 0 ? `select * from (\n${sql}\n) order by (${clusterBy.join(', ')})` : sql;
    return `${create} ${kind} ${this.renderRelation(rel)}${grants} as (\n${body}\n)`;
  }
}

export const snowflakeDialect = new SnowflakeDialect();
