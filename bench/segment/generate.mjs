#!/usr/bin/env node
// Deterministic synthetic Segment `pages` data, generated inside DuckDB (see pages-sql.mjs).
//
//   node bench/segment/generate.mjs --rows 10000000 --seed 1 --db warehouse.duckdb
//       (re)creates table segment.pages with exactly --rows rows
//   node bench/segment/generate.mjs --seed 1 --db warehouse.duckdb --append-fraction 0.01
//       appends a batch of 1% as many rows, all received after the latest received_at
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { macroStatements } from './page-attributes-sql.mjs';
import { REFERRER_HOSTS, appendStatements, batchContextSql, initialLoadStatements, referrerHostStatements } from './pages-sql.mjs';
import { runGeneratorCli } from '../generator-cli.mjs';

const REFERRER_CSV = fileURLToPath(new URL('../../seeds/referrer_mapping.csv', import.meta.url));

/**
 * Generates into the DuckDB file `db`: the initial load of `rows` rows, or, with
 * `appendFraction`, a later batch of that fraction of the existing rows. Returns the row count
 * of segment.pages afterwards.
 */
export async function generatePages(db, { rows, seed, appendFraction }) {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  const run = async (statements) => {
    for (const sql of statements) await connection.run(sql);
  };
  const one = async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS()[0];
  try {
    await run([...macroStatements(seed), ...referrerHostStatements(REFERRER_CSV)]);
    const { count } = await one(`select count(*) as count from ${REFERRER_HOSTS}`);
    const referrerHostCount = Number(count);
    if (appendFraction === undefined) {
      await run(initialLoadStatements({ rows, seed, referrerHostCount }));
    } else {
      const context = await one(batchContextSql);
      const existingRows = Number(context.existing_rows);
      if (existingRows === 0) throw new Error('segment.pages is empty: generate an initial load first');
      await run(
        appendStatements({
          seed,
          batchRows: Math.max(1, Math.round(existingRows * appendFraction)),
          loadedUntilMs: Number(context.loaded_until_ms),
          existingRows,
          devices: Number(context.devices),
          users: Math.max(1, Number(context.users)),
          referrerHostCount,
        }),
      );
    }
    return Number((await one('select count(*) as count from segment.pages')).count);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

await runGeneratorCli({ moduleUrl: import.meta.url, count: 'rows', table: 'segment.pages', generate: generatePages });
