import { checkCsvFile, inferSeedColumns, readCsvTable, type CsvTable } from '../adapter/csv-table';
import { STAGED_SEED_MIN_ROWS, type CsvSource, type Dialect } from '../adapter/dialect';
import { TsmodelError } from '../diagnostics';
import type { RelationName } from '../manifest/types';
import { shouldFullRefresh } from './full-refresh';
import { withGrants } from './grants';
import { withPersistDocs } from './persist-docs';
import { dropOldKeepingDependents, step, type PlanInput, type Step } from './step';

export interface SeedPlanInput extends Omit<PlanInput, 'node'> {
  node: Omit<PlanInput['node'], 'sql'> & {
    /** Absolute path of the CSV (`ManifestNode.seed_file`). */
    seedFile: string;
    /** How errors name the file (`seeds/orders.csv`); the absolute path when absent. */
    seedPath?: string;
  };
  /**
   * The parsed file, for engines without an in-engine CSV reader. Read from `seedFile` when
   * absent; tests pass it to plan without a file.
   */
  csvTable?: CsvTable;
}

/** Rows per `insert … values` statement, and a cap on its size so no statement nears engine limits. */
const INSERT_BATCH_ROWS = 1000;
const INSERT_BATCH_CHARS = 512 * 1024;

/**
 * The seed's CSV as the dialect reads it: `column_types` and `delimiter` come from config, the
 * header from the file itself, which is checked here — before any statement runs, so a
 * malformed file fails the seed and leaves the previous table as it was.
 */
export function seedCsv(input: SeedPlanInput): CsvSource {
  const { config, seedFile, seedPath } = input.node;
  const delimiter = seedDelimiter(input.node);
  const checked = input.csvTable
    ? { columns: input.csvTable.columns, empty: [] }
    : checkCsvFile(seedFile, delimiter, seedPath);
  const { columns } = checked;
  if (!seedQuoteColumns(input)) checkUnquotedColumns(input.node, columns);
  const configured = (config.column_types as Record<string, string> | undefined) ?? {};
  const typed = new Set(Object.keys(configured).map((c) => c.toLowerCase()));
  // A column with no value at all is integer, as dbt's agate types it (the engine says text).
  const empty = checked.empty.filter((c) => !typed.has(c.toLowerCase()));
  return {
    path: seedFile,
    columnTypes: { ...Object.fromEntries(empty.map((c) => [c, 'integer'])), ...configured },
    delimiter,
    columns,
  };
}

/**
 * Whether the seed's header names are quoted (kept exactly): its `quote_columns`, else the
 * adapter's default as in dbt — true, except where the dialect says false (Snowflake).
 */
export function seedQuoteColumns(input: Pick<SeedPlanInput, 'node' | 'dialect'>): boolean {
  const configured = input.node.config.quote_columns;
  if (typeof configured === 'boolean') return configured;
  if (configured === undefined || configured === null)
    return input.dialect.seedQuoteColumns ?? true;
  throw new TsmodelError({
    code: 'bad-config',
    message: `quote_columns of ${input.node.unique_id} must be true or false, got ${JSON.stringify(configured)}`,
    node: input.node.unique_id,
    ...(input.node.seedPath ? { location: { file: input.node.seedPath } } : {}),
    hint: 'set quote_columns: true to keep the header names exactly, false to fold them like unquoted names',
  });
}

type SeedNode = SeedPlanInput['node'];

/** dbt's `delimiter`: one character (its CSV reader takes no other), `,` by default. */
export function seedDelimiter(
  node: Pick<SeedNode, 'config' | 'unique_id' | 'seedFile' | 'seedPath'>,
): string {
  const { delimiter } = node.config;
  if (delimiter === undefined || delimiter === null) return ',';
  if (typeof delimiter === 'string' && [...delimiter].length === 1) return delimiter;
  throw new TsmodelError({
    code: 'seed-delimiter',
    message: `Compilation Error in ${node.unique_id} (${node.seedPath ?? node.seedFile}): delimiter must be one character, got ${JSON.stringify(delimiter)}`,
    node: node.unique_id,
    hint: "set the seed's delimiter to the one character between its fields, e.g. delimiter: '|'",
  });
}

/** What the warehouse parses as a name without quotes: letters, digits, `_` and `$`. */
const UNQUOTED_NAME = /^[\p{L}_][\p{L}\p{N}_$]*$/u;

/**
 * With `quote_columns` false dbt writes header names unquoted into the DDL, so
 * a name that is no plain identifier — most often a whole header read with the wrong
 * `delimiter` — is a syntax error in the warehouse. Said here, before any statement runs.
 */
function checkUnquotedColumns(node: SeedNode, columns: string[]): void {
  const bad = columns.find((c) => !UNQUOTED_NAME.test(c));
  if (bad === undefined) return;
  throw new TsmodelError({
    code: 'seed-column-name',
    message: `${node.unique_id} (${node.seedPath ?? node.seedFile}): header column ${JSON.stringify(bad)} is not a plain identifier, a syntax error unquoted (quote_columns is false)`,
    node: node.unique_id,
    hint: "check the seed's delimiter, rename the column, or set quote_columns: true to keep names as written",
  });
}

/**
 * dbt's seed semantics, through the engine's own CSV reader where it has one (rows never pass
 * through Node), else through client-side batched inserts (`planClientLoad`): first load or `--full-refresh` drops and re-creates the table from the file (so type changes
 * apply); a reload keeps the table and its grants, truncating then inserting. All steps share
 * one transaction where DDL is transactional, so a bad file leaves the old rows in place.
 */
export function planSeed(input: SeedPlanInput): Step[] {
  const { node, existing, flags, dialect } = input;
  const rebuild =
    !existing ||
    existing.kind === 'view' ||
    shouldFullRefresh(flags.fullRefresh, node.config.full_refresh);
  // Checked on every engine; an in-engine reader keeps the header's names as they are (DuckDB
  // preserves the case of unquoted names too, so quoting changes nothing there).
  seedQuoteColumns(input);
  const steps = dialect.readCsv ? planEngineRead(input, rebuild) : planClientLoad(input, rebuild);
  // A reload keeps the table and its grants: those the config dropped are revoked.
  return withGrants(
    withPersistDocs(steps, node, 'table', dialect),
    node,
    'table',
    dialect,
    !rebuild,
  );
}

function planEngineRead(input: SeedPlanInput, rebuild: boolean): Step[] {
  const { node, existing, dialect } = input;
  const target = node.relation;
  const tx = dialect.capabilities.transactionalDdl;
  // --empty: the engine still reads (and types) the file; the table gets none of its rows.
  const limit = input.flags.empty ? '\nlimit 0' : '';
  const source = `select * from ${dialect.readCsv!(seedCsv(input))}${limit}`;
  if (rebuild) {
    return [
      ...(existing ? [dropOldKeepingDependents(existing, target, dialect, tx)] : []),
      step('create', 'create seed table', dialect.createTableAs(target, source), tx),
    ];
  }
  return [
    step('truncate', 'truncate seed table', dialect.truncate(target), tx),
    step(
      'insert',
      'load seed rows',
      `insert into ${dialect.renderRelation(target)}\n${source}`,
      true,
    ),
  ];
}

/**
 * dbt's seed path for engines that cannot read the client's files: the file is parsed here,
 * column types are inferred (`column_types` wins), and rows go in as batched literal inserts.
 * Same rebuild/reload semantics and the same single transaction as the engine-read path.
 */
function planClientLoad(input: SeedPlanInput, rebuild: boolean): Step[] {
  const { node, existing, dialect } = input;
  const target = node.relation;
  const tx = dialect.capabilities.transactionalDdl;
  const parsed = input.csvTable ?? readCsvTable(node.seedFile, seedDelimiter(node), node.seedPath);
  const csv = seedCsv({ ...input, csvTable: parsed });
  // dbt's `quote_columns`: true keeps header names exactly; false folds them like unquoted
  // identifiers, so `Id` becomes `id` on PostgreSQL and `ID` on Snowflake.
  const table: CsvTable = seedQuoteColumns(input)
    ? parsed
    : { ...parsed, columns: parsed.columns.map((c) => dialect.foldIdentifier(c)) };
  const inserts = input.flags.empty
    ? []
    : dialect.stagedCsvLoad && table.rows.length >= STAGED_SEED_MIN_ROWS
      ? dialect
          .stagedCsvLoad(target, csv, table.columns)
          .map(({ label, sql, transactional }) => step('insert', label, sql, transactional))
      : insertBatches(dialect, target, table).map((sql, i, all) =>
          step(
            'insert',
            all.length > 1 ? `load seed rows (batch ${i + 1})` : 'load seed rows',
            sql,
            true,
          ),
        );
  if (!rebuild)
    return [step('truncate', 'truncate seed table', dialect.truncate(target), tx), ...inserts];
  const columns = inferSeedColumns(table).map((c, i) => ({
    name: c.name,
    dataType:
      csv.columnTypes[c.name] ?? csv.columnTypes[parsed.columns[i]!] ?? dialect.seedColumnType(c),
  }));
  return [
    ...(existing ? [dropOldKeepingDependents(existing, target, dialect, tx)] : []),
    step('create', 'create seed table', dialect.createTable(target, columns), tx),
    ...inserts,
  ];
}

function insertBatches(dialect: Dialect, target: RelationName, table: CsvTable): string[] {
  const batches: string[] = [];
  let batch: (string | null)[][] = [];
  let chars = 0;
  for (const row of table.rows) {
    batch.push(row);
    chars += row.reduce((n, v) => n + (v?.length ?? 4) + 4, 2);
    if (batch.length >= INSERT_BATCH_ROWS || chars >= INSERT_BATCH_CHARS) {
      batches.push(dialect.insertValues(target, table.columns, batch));
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) batches.push(dialect.insertValues(target, table.columns, batch));
  return batches;
}
