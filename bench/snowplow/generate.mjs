#!/usr/bin/env node
// Deterministic synthetic Snowplow web events, generated inside DuckDB (see events-sql.mjs).
//
//   node bench/snowplow/generate.mjs --events 10000000 --seed 1 --db warehouse.duckdb
//       (re)creates atomic.events (web_page context in a JSON column) with exactly --events rows
//   node bench/snowplow/generate.mjs --seed 1 --db warehouse.duckdb --append-fraction 0.01
//       appends a batch of 1% as many rows, collected after the latest collector_tstamp
import { DuckDBInstance } from '@duckdb/node-api';
import { EVENTS, atomicTableStatements } from './atomic-ddl.mjs';
import { macroStatements } from './attributes-sql.mjs';
import { batchStatements, candidateSessions, existingUsersStatement } from './events-sql.mjs';
import { runGeneratorCli } from '../generator-cli.mjs';

/** First collector day of an initial load, and its length: the model's start_date and cadence follow. */
export const START_DATE = '2024-03-01';
export const DAYS = 28;
const HOUR_MS = 3_600_000;

/**
 * Generates into the DuckDB file `db`: an initial load of exactly `events` rows, or, with
 * `appendFraction`, a later batch of that fraction of the existing rows. Returns the row count of
 * atomic.events afterwards.
 */
export async function generateEvents(db, { events, seed, appendFraction }) {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  const run = async (statements) => {
    for (const sql of statements) await connection.run(sql);
  };
  const one = async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS()[0];
  try {
    await run(macroStatements(seed));
    if (appendFraction === undefined) {
      await run([...atomicTableStatements(), existingUsersStatement(false)]);
      const sessions = candidateSessions(events);
      await run(
        batchStatements({
          seed,
          rows: events,
          keyOffset: 0,
          windowStartMs: Date.parse(`${START_DATE}T00:00:00Z`),
          windowMs: DAYS * 24 * HOUR_MS,
          existingUsers: 0,
          newUsers: Math.ceil(sessions / 1.6),
        }),
      );
    } else {
      const existing = await one(
        `select count(*) as n, epoch_ms(max(collector_tstamp)) as until_ms from ${EVENTS}`,
      );
      const existingRows = Number(existing.n);
      if (existingRows === 0) throw new Error(`${EVENTS} is empty: generate an initial load first`);
      await run([existingUsersStatement(true)]);
      const { users } = await one('select coalesce(max(user_key), -1) + 1 as users from sp_existing_users');
      const rows = Math.max(1, Math.round(existingRows * appendFraction));
      await run(
        batchStatements({
          seed,
          rows,
          keyOffset: existingRows * 16,
          windowStartMs: Number(existing.until_ms) + 1000,
          windowMs: Math.max(HOUR_MS, Math.round(DAYS * 24 * HOUR_MS * appendFraction)),
          existingUsers: Number(users),
          newUsers: Math.ceil((candidateSessions(rows) * 0.3) / 1.6) + 1,
        }),
      );
    }
    await connection.run('drop table sp_existing_users');
    return Number((await one(`select count(*) as n from ${EVENTS}`)).n);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

await runGeneratorCli({ moduleUrl: import.meta.url, count: 'events', table: EVENTS, generate: generateEvents });
