/**
 * Helpers for the Snowplow integration tests: run the real `tsmodel` CLI on the Snowplow
 * integration project against a DuckDB file of the test's own, and compare a built table with an
 * upstream expected-output CSV column by column inside DuckDB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

export const PROJECT_DIR = fileURLToPath(new URL('.', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/tsmodel.js', import.meta.url));

/** A fresh DuckDB file path in a temp directory. */
export function freshDatabase(label: string): string {
  return path.join(mkdtempSync(path.join(tmpdir(), `snowplow-${label}-`)), 'warehouse.duckdb');
}

/** Runs `tsmodel <args>` on the project against `database`; throws with the output on failure. */
export function tsmodel(database: string, args: string[]): string {
  const result = spawnSync(process.execPath, [BIN, ...args, '--project-dir', PROJECT_DIR], {
    env: { ...process.env, SNOWPLOW_IT_DB: database, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0)
    throw new Error(`tsmodel ${args.join(' ')} exited ${result.status}:\n${output}`);
  return output;
}

/** Rows of `sql` run on `database` (read-only), values as JS primitives. */
export async function query(database: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(database, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** How a built table differs from an expected CSV. */
export interface TableDiff {
  actualColumns: string[];
  expectedColumns: string[];
  actualRows: number;
  expectedRows: number;
  /** Keys present on one side only. */
  missingKeys: string[];
  extraKeys: string[];
  /** Per column, the keys whose values differ (floats within 1e-9, NULL equals NULL). */
  columnMismatches: Record<string, string[]>;
}

/**
 * Compares `relation` with the CSV at `csvPath`, rows matched on `key`. Expected values are cast
 * to the built column's type, so `100.0` and `100` or two spellings of a timestamp compare equal;
 * character values compare without trailing blanks, as on Redshift.
 */
export async function compareWithCsv(
  database: string,
  relation: string,
  csvPath: string,
  key: string,
): Promise<TableDiff> {
  const csv = `read_csv('${csvPath}', all_varchar = true, header = true)`;
  const actualCols = await query(database, `describe ${relation}`);
  const expectedCols = await query(database, `describe select * from ${csv}`);
  const types = new Map(actualCols.map((c) => [String(c.column_name), String(c.column_type)]));
  const shared = [...types.keys()].filter((c) => expectedCols.some((e) => e.column_name === c));
  const q = (c: string) => `"${c}"`;
  const equal = (c: string) => {
    const t = types.get(c)!;
    const e = `try_cast(e.${q(c)} as ${t})`;
    if (/DOUBLE|FLOAT|DECIMAL/.test(t))
      return `((a.${q(c)} is null and e.${q(c)} is null) or abs(a.${q(c)} - ${e}) <= 1e-9)`;
    // Redshift ignores trailing blanks when comparing character values, and the upstream source
    // data carries CHAR-padded ids: compare as upstream's equality test did on Redshift.
    if (/VARCHAR/.test(t)) return `(rtrim(a.${q(c)}) is not distinct from rtrim(e.${q(c)}))`;
    return `(a.${q(c)} is not distinct from ${e})`;
  };
  const mismatchCols = shared.map(
    (c) => `list(coalesce(a.${q(key)}, e.${q(key)})) filter (where not ${equal(c)}) as ${q(c)}`,
  );
  const [diff] = await query(
    database,
    `select
       count(*) filter (where a.${q(key)} is null) as missing,
       count(*) filter (where e.${q(key)} is null) as extra,
       list(e.${q(key)}) filter (where a.${q(key)} is null) as missing_keys,
       list(a.${q(key)}) filter (where e.${q(key)} is null) as extra_keys,
       ${mismatchCols.join(',\n       ')}
     from ${relation} as a
     full outer join ${csv} as e on rtrim(cast(a.${q(key)} as varchar)) = rtrim(e.${q(key)})`,
  );
  const counts = await query(
    database,
    `select (select count(*) from ${relation}) as a, (select count(*) from ${csv}) as e`,
  );
  const columnMismatches: Record<string, string[]> = {};
  for (const c of shared) {
    const keys = ((diff![c] as unknown[] | null) ?? []).map(String);
    const both = keys.filter(
      (k) =>
        !((diff!.missing_keys as unknown[] | null) ?? []).map(String).includes(k) &&
        !((diff!.extra_keys as unknown[] | null) ?? []).map(String).includes(k),
    );
    if (both.length > 0) columnMismatches[c] = both;
  }
  return {
    actualColumns: actualCols.map((c) => String(c.column_name)),
    expectedColumns: expectedCols.map((c) => String(c.column_name)),
    actualRows: Number(counts[0]!.a),
    expectedRows: Number(counts[0]!.e),
    missingKeys: ((diff!.missing_keys as unknown[] | null) ?? []).map(String),
    extraKeys: ((diff!.extra_keys as unknown[] | null) ?? []).map(String),
    columnMismatches,
  };
}
