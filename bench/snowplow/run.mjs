#!/usr/bin/env node
// Snowplow web benchmark: `npm run bench:snowplow [-- --events 10000000 --seed 1 --runs 1]`.
//
// In a temp project that uses the repo root as a package (as integration_tests/snowplow does),
// on a DuckDB file: generate --events atomic events (generate.mjs; web_page context as a JSON
// column, `snowplow_web__context_format: json`), then
//   1. first run:   `tsmodel run --select snowplow_web` on the fresh events (every module builds
//                   from start_date; update_cadence_days covers the whole data set), timed;
//   2. engine floor: the statements that run sent, replayed directly on DuckDB from the same
//                   starting database (bench/replay.mjs);
//   3. incremental: append 1% new events (later collector_tstamp), `tsmodel run --select
//                   snowplow_web` from the same starting database each time, timed, and its floor.
// Targets: first run ≤ 1.10× its engine floor; incremental ≤ 10% of the first run.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseTrace, readDependencies, replay } from '../replay.mjs';
import { DAYS, START_DATE, generateEvents } from './generate.mjs';
import { copyDb, median, printTable, seconds, verdict } from '../report.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'tsmodel.js');
const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '10000000' },
    seed: { type: 'string', default: '1' },
    'append-fraction': { type: 'string', default: '0.01' },
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '1' },
    keep: { type: 'boolean', default: false },
  },
});
const EVENTS = Number(args.events);
const SEED = Number(args.seed);
const APPEND = Number(args['append-fraction']);
const RUNS = Number(args.runs);
const THREADS = 2;
const SELECT = ['--select', 'snowplow_web'];

const work = mkdtempSync(join(tmpdir(), 'tsmodel-bench-snowplow-'));
if (!args.keep) process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const project = join(work, 'project');
const db = join(work, 'warehouse.duckdb');

/** The analytics project: the repo root as a package, Snowplow web reading atomic.events. */
function writeProject() {
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'project.yml'),
    [
      'name: snowplow_bench',
      'version: 0.1.0',
      'config-version: 2',
      'profile: snowplow_bench',
      'packages:',
      `  - local: ${JSON.stringify(root)}`,
      'vars:',
      '  tsmodel_sessionization:',
      '    segment_enabled: false',
      '    snowplow_web_enabled: true',
      '    snowplow_web__events: atomic.events',
      '    snowplow_web__context_format: json',
      `    snowplow_web__start_date: "${START_DATE}"`,
      `    snowplow_web__update_cadence_days: ${DAYS + 7}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(project, 'profiles.yml'),
    `snowplow_bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n` +
      `      path: "{{ env_var('SNOWPLOW_BENCH_DB') }}"\n      threads: ${THREADS}\n`,
  );
}

/** Runs tsmodel on `database`; returns wall ms and stdout, or exits with its output on failure. */
function tsmodel(extra, database = db) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, 'run', '--project-dir', project, ...SELECT, ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', SNOWPLOW_BENCH_DB: database },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    console.error(`bench: tsmodel run exited ${result.status}\n${result.stdout.slice(-20000)}${result.stderr}`);
    process.exit(1);
  }
  return { ms, stdout: result.stdout };
}

const fmt = seconds;
const log = (msg) => console.log(`bench: ${msg}`);

/** Row counts of the derived tables, to show the run did real work. */
async function derivedCounts(database) {
  const instance = await DuckDBInstance.create(database, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const sql = `select (select count(*) from main_derived.page_views) as page_views,
                        (select count(*) from main_derived.sessions) as sessions,
                        (select count(*) from main_derived.users) as users`;
    const row = (await connection.runAndReadAll(sql)).getRowObjectsJS()[0];
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Times `RUNS` tsmodel runs and replays of `trace`, each from a copy of `start`. */
async function measure(label, start, trace, parents) {
  const samples = { wall: [], floor: [] };
  for (let r = 0; r < RUNS; r++) {
    log(`${label}, run ${r + 1} of ${RUNS}`);
    copyDb(start, db);
    samples.floor.push(await replay(db, trace, parents));
    copyDb(start, db);
    samples.wall.push(tsmodel([]).ms);
  }
  return { wall: median(samples.wall), floor: median(samples.floor) };
}

log('building dist/');
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
writeProject();

let started = Date.now();
await generateEvents(db, { events: EVENTS, seed: SEED });
const generateMs = Date.now() - started;
log(`generated ${EVENTS} events in ${fmt(generateMs)}`);
const fresh = join(work, 'fresh.duckdb');
copyDb(db, fresh);

log('first run (traced)');
const firstTrace = parseTrace(tsmodel(['--debug', '--log-format', 'json']).stdout);
const parents = readDependencies(project);
const first = await measure('first run', fresh, firstTrace, parents);
const firstCounts = await derivedCounts(db);

started = Date.now();
const total = await generateEvents(db, { seed: SEED, appendFraction: APPEND });
log(`appended ${total - EVENTS} events in ${fmt(Date.now() - started)}`);
const beforeIncremental = join(work, 'before-incremental.duckdb');
copyDb(db, beforeIncremental);
rmSync(fresh, { force: true });

log('incremental (traced)');
const incTrace = parseTrace(tsmodel(['--debug', '--log-format', 'json']).stdout);
const inc = await measure('incremental', beforeIncremental, incTrace, parents);
const incCounts = await derivedCounts(db);

const ok = verdict;
const rows = [
  ['measure', 'value', 'target', ''],
  [`first run (tsmodel run --select snowplow_web, ${firstTrace.length} statements)`, fmt(first.wall), '', ''],
  ['first run engine floor', fmt(first.floor), '', ''],
  ['first run / floor', `${(first.wall / first.floor).toFixed(3)}×`, '≤ 1.10×', ok(first.wall / first.floor <= 1.1)],
  [`incremental after +${APPEND * 100}% (${incTrace.length} statements)`, fmt(inc.wall), '', ''],
  ['incremental engine floor', fmt(inc.floor), '', ''],
  ['incremental / floor', `${(inc.wall / inc.floor).toFixed(3)}×`, '≤ 1.10×', ok(inc.wall / inc.floor <= 1.1)],
  ['incremental / first run', `${((inc.wall / first.wall) * 100).toFixed(1)}%`, '≤ 10%', ok(inc.wall / first.wall <= 0.1)],
];
const counts = (c) => `${c.page_views} page views, ${c.sessions} sessions, ${c.users} users`;
printTable(
  `Snowplow web benchmark — ${EVENTS} events (seed ${SEED}, generated in ${fmt(generateMs)}), node ${process.version}, ` +
    `${availableParallelism()} CPUs, ${Math.round(totalmem() / 2 ** 30)} GB, ${THREADS} threads, median of ${RUNS}; ` +
    'tsmodel figures are whole processes (start, compile, run, artifacts)',
  rows,
);
console.log(`after the first run: ${counts(firstCounts)}; after the incremental run: ${counts(incCounts)}`);
if (args.keep) console.log(`work directory kept: ${work}`);
