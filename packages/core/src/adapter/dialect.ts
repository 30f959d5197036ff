import type { NodeConfig, RelationName } from '../manifest/types';
import type { ContractRules } from '../contracts/contract-rules';
import type { DependentViewsSql } from './dependent-views';
import type { GrantsSql } from '../materializations/grants';

/** The two kinds of relation tsmodel builds; the kind decides `drop table` vs `drop view`. */
export type RelationKind = 'table' | 'view';

/** A column as the warehouse reports it; `dataType` is the engine's own spelling. */
export interface ColumnDef {
  name: string;
  dataType: string;
}

/**
 * What an engine can do, so materializations pick a variant by reading a flag instead of
 * checking `dialect.type`. Each flag changes which SQL a planner emits; none is informational.
 */
export interface DialectCapabilities {
  /**
   * DDL (create/alter/drop) obeys BEGIN/COMMIT. When true a table swap is
   * `create tmp; rename old → backup; rename tmp → old` in ONE transaction, so readers see the
   * old table until commit and a failure rolls back to it. Postgres, Redshift and DuckDB: true;
   * Snowflake auto-commits every DDL statement: false.
   */
  transactionalDdl: boolean;
  /**
   * `create or replace table … as` replaces the old table in one atomic statement: a failing
   * build leaves the old table. Planners prefer it to the tmp + rename swap (one statement
   * instead of a transaction of three plus a drop); the only atomic option where DDL is not
   * transactional (Snowflake).
   */
  atomicCreateOrReplaceTable: boolean;
  /**
   * `create or replace view` exists and is atomic. Views are cheap, so replacing one in place
   * avoids a tmp + swap dance; engines without it get the swap.
   */
  createOrReplaceView: boolean;
  /** `MERGE INTO` is supported; the `merge` incremental strategy fails early without it. */
  merge: boolean;
  /**
   * `alter … rename to` may move a relation to another schema (Snowflake only; Postgres,
   * Redshift and DuckDB keep the schema). Planners never rely on it, which is why tmp and backup
   * relations live next to the target.
   */
  renameAcrossSchemas: boolean;
  /**
   * How unquoted identifiers fold. Introspection returns folded names (Snowflake: upper), so
   * comparisons of user-written names against the catalog fold them the same way first.
   */
  identifierCase: 'lower' | 'upper' | 'preserve';
  /**
   * Longest identifier the engine keeps (Postgres/Redshift: 63/127 bytes, silently truncating).
   * Tmp/backup names are shortened to fit, or two models could collide on a truncated name.
   */
  maxIdentifierLength: number;
  /**
   * A subquery in FROM must have an alias (PostgreSQL before 16, Redshift). `--empty` then
   * names its zero-row subqueries (`_dbt_limit_subq_<table>`, as dbt); elsewhere it leaves them
   * bare, so a user's own `… as alias` after a ref still parses (dbt's `require_alias`).
   */
  subqueryNeedsAlias: boolean;
  /**
   * Named unique and primary-key constraints take their name from one namespace per schema
   * (PostgreSQL names the constraint's index after it), so a tmp table cannot carry the name
   * while the old table still does: a contracted rebuild then names them apart on the tmp
   * table, drops the old table inside the swap's transaction and renames them back.
   */
  schemaScopedConstraintNames?: boolean;
}

export type IncrementalStrategy =
  'append' | 'delete+insert' | 'merge' | 'insert_overwrite' | 'microbatch';

/**
 * The window of the target one microbatch batch owns: rows whose `eventTime` (the model's
 * `event_time`, a column or expression pasted as written, as dbt does) is in `[start, end)`.
 */
export interface TimeWindow {
  eventTime: string;
  start: Date;
  end: Date;
}

/** Inputs shared by the incremental statement builders. */
export interface IncrementalStatementInput {
  target: RelationName;
  /** The staged rows (the model's incremental SQL, materialized). */
  source: RelationName;
  /** Columns written, in target order. */
  columns: string[];
  /** Empty for append-only. */
  uniqueKey: string[];
  /** Extra conditions on the target, written by users against `DBT_INTERNAL_DEST`. */
  predicates: string[];
  /** `merge_update_columns`: the only columns a matched row updates (default: all but the key). */
  updateColumns?: string[];
  /** `merge_exclude_columns`: columns a matched row keeps as they are. */
  excludeColumns?: string[];
  /** The batch's window: set for the `microbatch` strategy only. */
  window?: TimeWindow;
}

/**
 * What `snapshotMerge` writes: a snapshot's staged changes (rows tagged `dbt_change_type`
 * `insert`, `update` or `delete`) into its table.
 */
export interface SnapshotMergeInput {
  target: RelationName;
  staging: RelationName;
  /** Columns inserted from staging, as stored: the query's, then the snapshot's own. */
  insertColumns: string[];
  /** Stored names of the `dbt_scd_id` and `dbt_valid_to` columns (`snapshot_meta_column_names`). */
  scdId: string;
  validTo: string;
  /** `dbt_valid_to_current`: the SQL value current rows carry instead of null. */
  validToCurrent?: string;
}

/** One statement of a snapshot merge; `kind` is the step kind it runs as. */
export interface SnapshotStatement {
  kind: 'update' | 'insert' | 'merge';
  label: string;
  sql: string;
}

/** How a seed CSV is read by the engine itself (data never passes through Node). */
/** From this many rows on, a seed goes through the engine's staged load where there is one. */
export const STAGED_SEED_MIN_ROWS = 5000;

export interface CsvSource {
  /** Absolute path of the file. */
  path: string;
  /** `column_types` from the seed's config: column name → engine type. */
  columnTypes: Record<string, string>;
  delimiter: string;
  /**
   * The header, as core read and checked it (every row as wide, quotes closed, names
   * distinct): the engine loads the file under these names instead of guessing the header.
   */
  columns: string[];
}

/** What a seed column's values look like, decided from the file (see `csv-table.ts`). */
export type SeedValueKind =
  'integer' | 'bigint' | 'float' | 'boolean' | 'date' | 'timestamp' | 'text';

/** A seed column as inferred from its CSV values; the dialect turns it into an engine type. */
export interface SeedColumn {
  name: string;
  kind: SeedValueKind;
  /** Longest value in UTF-8 bytes, for engines whose text type has a length (Redshift). */
  maxBytes: number;
}

/**
 * Everything engine-specific that can be decided without a connection: pure and synchronous,
 * so plans are unit- and golden-tested with no database (kysely's Dialect/DialectAdapter split).
 * Materializations only call these builders; an engine that differs overrides one builder,
 * never a whole materialization.
 */
export interface Dialect {
  /** Adapter type, e.g. `duckdb`. */
  readonly type: string;
  /** The dialect this one descends from for macro dispatch (redshift → postgres). */
  readonly parentType?: string;
  readonly capabilities: DialectCapabilities;
  /**
   * Where views bind to a relation's identity (PostgreSQL, Redshift), the catalog SQL that keeps
   * them across a rebuild. Absent where views bind by name and survive a replace (DuckDB,
   * Snowflake).
   */
  readonly dependentViews?: DependentViewsSql;

  /** Which constraints the engine enforces and how it names types (model contracts). */
  readonly contracts: ContractRules;

  /** dbt's `adapter.quote` character (`"` for every SQL engine here; BigQuery's is a backtick). */
  readonly quoteCharacter: string;
  quoteIdentifier(name: string): string;
  quoteString(value: string): string;
  renderRelation(rel: RelationName): string;
  /** Folds an unquoted identifier the way the engine does (see `identifierCase`). */
  foldIdentifier(name: string): string;
  /**
   * The identifier the engine ends up with for `name` as tsmodel renders it: cut to
   * `maxIdentifierLength` bytes where the engine truncates, case folded where it folds or
   * compares without case. Two names with one key are one relation, so the compiler reports
   * them as a clash instead of letting one build overwrite the other.
   */
  identifierKey(name: string): string;

  createSchemaIfNotExists(rel: Pick<RelationName, 'database' | 'schema'>): string;
  /**
   * The builders that create the model's own relation get its `config`, from which an engine
   * reads its own relation options (Snowflake: `transient`, `copy_grants`, `cluster_by`,
   * `secure`). Without it (staging, tmp and backup relations) they build a plain relation.
   */
  createTableAs(rel: RelationName, sql: string, config?: NodeConfig): string;
  createOrReplaceTableAs(rel: RelationName, sql: string, config?: NodeConfig): string;
  createViewAs(
    rel: RelationName,
    sql: string,
    options: { replace: boolean },
    config?: NodeConfig,
  ): string;
  /**
   * Statements that finish a model's table once it holds its rows (Snowflake: `cluster by`,
   * `resume recluster`); absent or empty where the engine has none.
   */
  afterCreateTable?(rel: RelationName, config: NodeConfig): string[];
  /** Renames within the relation's schema; `to` is a bare identifier. */
  renameRelation(kind: RelationKind, from: RelationName, to: string): string;
  dropRelation(kind: RelationKind, rel: RelationName, ifExists: boolean): string;
  truncate(rel: RelationName): string;

  insertInto(target: RelationName, source: RelationName, columns: string[]): string;
  /**
   * Replaces target rows whose key appears in the source: a delete, then an insert, run in one
   * transaction. Requires a non-empty `uniqueKey` (planners append when there is none).
   */
  deleteInsert(input: IncrementalStatementInput): { delete: string; insert: string };
  merge(input: IncrementalStatementInput): string;
  /**
   * Replaces every row of the target with the staged ones in one statement (Snowflake's
   * `insert overwrite`). Absent where the engine has none: the strategy then fails early.
   */
  insertOverwrite?(input: IncrementalStatementInput): string;
  /**
   * A microbatch batch: delete the target's rows in the batch's window, insert the staged rows
   * of that window; run in one transaction, so the period moves from old rows to new at once.
   */
  replaceWindow(input: IncrementalStatementInput & { window: TimeWindow }): {
    delete: string;
    insert: string;
  };
  /**
   * The rows of `sql` in the window only: what the first batch of a full build creates the
   * table from, so it holds just what later runs of that batch replace.
   */
  selectInWindow(sql: string, window: TimeWindow): string;
  /** A point in time as a literal the engine compares with date and timestamp columns. */
  timeLiteral(t: Date): string;
  /** dbt's default: delete+insert when there is a key, else append (Snowflake: merge). */
  defaultIncrementalStrategy(uniqueKey: string[]): IncrementalStrategy;

  /**
   * dbt's `snapshot_get_time()`: the clock of a snapshot (when the check strategy saw a change,
   * when a hard delete was seen), as a timestamp without time zone like dbt's per adapter.
   */
  snapshotTime(): string;
  /** dbt's `snapshot_hash_arguments`: the md5 of the arguments cast to text, joined by `|`. */
  snapshotHash(args: string[]): string;
  /**
   * dbt's `snapshot_merge_sql`: closes the current rows staged as `update`/`delete` (their
   * `dbt_valid_to`, matched on `dbt_scd_id`) and inserts the rows staged as `insert`. The
   * planner runs the statements in one transaction.
   */
  snapshotMerge(input: SnapshotMergeInput): SnapshotStatement[];

  addColumns(rel: RelationName, columns: ColumnDef[]): string[];
  dropColumns(rel: RelationName, columns: string[]): string[];
  alterColumnTypes(rel: RelationName, columns: ColumnDef[]): string[];

  /**
   * A table expression that reads a CSV in-engine, for seeds (DuckDB's `read_csv`). Absent
   * where the server cannot read the client's files (Postgres, Redshift, Snowflake): seeds are
   * then created from inferred column types and loaded with batched `insert … values`, as dbt
   * does.
   */
  readCsv?(csv: CsvSource): string;
  /**
   * For engines that cannot read the client's files in SQL but can upload them (Snowflake's
   * PUT into a stage, then COPY INTO): the statements that load the whole file into `target`,
   * whose columns exist already. Used above {@link STAGED_SEED_MIN_ROWS} rows; smaller files are
   * loaded with batched inserts.
   */
  stagedCsvLoad?(
    target: RelationName,
    csv: CsvSource,
    columns: string[],
  ): Array<{ label: string; sql: string; transactional: boolean }>;
  /** The engine type for an inferred seed column (dbt's `convert_*_type`). */
  seedColumnType(column: SeedColumn): string;
  /**
   * dbt's `quote_columns` where a seed leaves it unset: its adapter's default. dbt quotes seed
   * columns (keeping the header's case) unless the adapter says otherwise, as Snowflake's does
   * (`false`: headers fold like unquoted names). Absent means true.
   */
  readonly seedQuoteColumns?: boolean;
  /**
   * persist_docs: the statement that makes `comment` the relation's comment, the text quoted
   * as a string literal (any character, newlines and quotes included).
   */
  relationComment(kind: RelationKind, rel: RelationName, comment: string): string;
  /** persist_docs: the statement that makes `comment` the comment of one column of `rel`. */
  columnComment(kind: RelationKind, rel: RelationName, column: string, comment: string): string;
  /**
   * Whether a view's columns can carry comments; absent means they can. Redshift keeps none
   * (dbt-redshift skips them too), so persist_docs writes only the view's own comment there.
   */
  readonly viewColumnComments?: boolean;
  /**
   * dbt's grant macros for the `grants` config; absent where the engine has none (DuckDB) or
   * tsmodel does not apply them yet, and a run then warns that they were not applied.
   */
  readonly grants?: GrantsSql;
  /** `create table rel (col type, …)`: an empty table with declared columns. */
  createTable(rel: RelationName, columns: ColumnDef[]): string;
  /**
   * A contracted model's table: `create table rel (<definitions>)`, each definition a column
   * with its type and constraints or a model-level constraint, already rendered.
   */
  createTableWithDefinitions(rel: RelationName, definitions: string[], config?: NodeConfig): string;
  /**
   * The same as one atomic statement that also fills the table (`create or replace table rel
   * (<definitions>) as select …`), where the engine has it and DDL is not transactional
   * (Snowflake); absent elsewhere, where a create and an insert run in one transaction.
   */
  createOrReplaceTableWithDefinitionsAs?(
    rel: RelationName,
    definitions: string[],
    sql: string,
    config?: NodeConfig,
  ): string;
  /** `alter table rel rename constraint from to to` (see `schemaScopedConstraintNames`). */
  renameConstraint(rel: RelationName, from: string, to: string): string;
  /**
   * A zero-copy clone of `source` at `rel`, replacing a table there in one statement
   * (Snowflake's `create or replace table … clone …`); absent where the engine has none, and
   * `tsmodel clone` makes a view of the source instead.
   */
  cloneTable?(rel: RelationName, source: RelationName, config?: NodeConfig): string;
  /** `insert into rel (cols) select cols from (<sql>)`: fills a contracted table by column name. */
  insertSelect(rel: RelationName, columns: string[], sql: string): string;
  /** One multi-row `insert … values` of literal rows; `null` is SQL NULL. */
  insertValues(target: RelationName, columns: string[], rows: (string | null)[][]): string;
}

/**
 * What templates read from the adapter: plain data, so render worker threads receive it by
 * structured clone and render exactly as the main thread does.
 */
export interface TemplatingDialect {
  /** `adapter.type()`. */
  readonly type: string;
  /** `adapter.dispatch` prefixes, nearest first, tried before `default` (`['redshift', 'postgres']`). */
  readonly dispatchOrder: readonly string[];
  /** `adapter.quote`'s character. */
  readonly quoteCharacter: string;
}
