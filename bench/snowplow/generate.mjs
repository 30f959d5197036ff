#!/usr/bin/env node
// Deterministic synthetic Snowplow web events, generated inside DuckDB (see events-sql.mjs).
//
//   node bench/snowplow/generate.mjs --events 10000000 --seed 1 --db warehouse.duckdb
//       (re)creates atomic.events (web_page context in a JSON column) with exactly --events rows
//   node bench/snowplow/generate.mjs --seed 1 --db warehouse.duckdb --append-fraction 0.01
//       appends a batch of 1% as many rows, collected after the latest collector_tstamp
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { EVENTS, atomicTableStatements } from './atomic-ddl.mjs';
import { macroStatements } from './attributes-sql.mjs';
import { batchStatements, candidateSessions, existingUsersStatement } from './events-sql.mjs';

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

function parseCli(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '1' },
      db: { type: 'string' },
      'append-fraction': { type: 'string' },
    },
  });
  const events = Number(values.events);
  const seed = Number(values.seed);
  const appendFraction = values['append-fraction'] === undefined ? undefined : Number(values['append-fraction']);
  const problems = [
    !values.db && '--db <path.duckdb> is required',
    !(Number.isInteger(events) && events > 0) && `--events must be a positive integer, got ${values.events}`,
    !Number.isInteger(seed) && `--seed must be an integer, got ${values.seed}`,
    appendFraction !== undefined && !(appendFraction > 0) && `--append-fraction must be > 0, got ${values['append-fraction']}`,
  ].filter(Boolean);
  if (problems.length > 0) {
    console.error(`generate: ${problems.join('; ')}`);
    process.exit(2);
  }
  return { db: values.db, events, seed, appendFraction };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { db, ...options } = parseCli(process.argv.slice(2));
  const started = Date.now();
  const total = await generateEvents(db, options);
  const what = options.appendFraction === undefined ? `${options.events} events` : `a ${options.appendFraction} batch`;
  console.log(`generate: ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s; ${EVENTS} has ${total} rows`);
}
