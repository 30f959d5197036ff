/**
 * Helpers for the Segment integration tests: run the real `tsmodel` CLI on this project against a
 * DuckDB file of the test's own, and read tables back as text so they compare column by column.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

export const PROJECT_DIR = fileURLToPath(new URL('.', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/tsmodel.js', import.meta.url));

/** A table read back with every value cast to text (NULL stays null), rows in a stable order. */
export interface TableText {
  columns: string[];
  rows: Array<Array<string | null>>;
}

/** A fresh DuckDB file path in a temp directory. */
export function freshDatabase(label: string): string {
  return path.join(mkdtempSync(path.join(tmpdir(), `segment-${label}-`)), 'warehouse.duckdb');
}

/** Runs `tsmodel <args>` on the integration project against `database`; throws with the output on failure. */
export function tsmodel(database: string, args: string[]): string {
  const result = spawnSync(process.execPath, [BIN, ...args, '--project-dir', PROJECT_DIR], {
    env: { ...process.env, SEGMENT_IT_DB: database, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0)
    throw new Error(`tsmodel ${args.join(' ')} exited ${result.status}:\n${output}`);
  return output;
}

/** Runs SQL statements on `database` (the CLI must not be running on it). */
export async function execute(database: string, statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(database);
  const connection = await instance.connect();
  try {
    for (const sql of statements) await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** `select` of `relation` with every column as text, ordered by `orderBy`. */
export async function readTable(
  database: string,
  relation: string,
  orderBy: string,
): Promise<TableText> {
  return query(
    database,
    (columns) => {
      const list = columns.map((c) => `cast("${c}" as varchar) as "${c}"`).join(', ');
      return `select ${list} from ${relation} order by ${orderBy}`;
    },
    relation,
  );
}

/** An expected-output CSV (header, `NULL` for NULL), read by DuckDB's CSV reader as text. */
export async function readExpected(file: string): Promise<TableText> {
  const csv = path.join(PROJECT_DIR, 'expected', file).replace(/'/g, "''");
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `select * from read_csv('${csv}', header = true, all_varchar = true, nullstr = 'NULL', quote = '"', escape = '"')`,
    );
    return { columns: reader.columnNames(), rows: reader.getRowsJS() as TableText['rows'] };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function query(
  database: string,
  sqlFor: (columns: string[]) => string,
  relation: string,
): Promise<TableText> {
  const instance = await DuckDBInstance.create(database, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const described = await connection.runAndReadAll(`select * from ${relation} limit 0`);
    const reader = await connection.runAndReadAll(sqlFor(described.columnNames()));
    return { columns: reader.columnNames(), rows: reader.getRowsJS() as TableText['rows'] };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Rows as objects keyed by column name, for readable assertions on single values. */
export function byColumn(table: TableText): Array<Record<string, string | null>> {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c, row[i]!])));
}
