#!/usr/bin/env node
// Segment benchmark: `npm run bench:segment [-- --rows 10000000 --seed 1 --verify]`.
//
// In a temp project that uses the repo root as a package (as an analytics repo would), on a
// DuckDB file: generate --rows page views (generate.mjs), load the referrer_mapping seed, then
//   1. full refresh:  `tsmodel run --full-refresh --select tag:segment`, timed;
//   2. engine floor:  the statements that run sent, replayed directly on DuckDB (bench/replay.mjs);
//   3. incremental:   append 1% new data (later received_at), `tsmodel run --select tag:segment`,
//                     timed from the same starting database each time, and its engine floor.
// Targets: full refresh ≤ 1.10× its engine floor; incremental ≤ 10% of the full refresh.
// --verify also full-refreshes a copy of the incremental result and checks every Segment table
// equals it (the incremental ≡ full-refresh guarantee) on this data.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { generatePages } from './generate.mjs';
import { parseTrace, readDependencies, replay } from '../replay.mjs';
import { copyDb, median, printTable, seconds, verdict as targetVerdict } from '../report.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'tsmodel.js');
const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    seed: { type: 'string', default: '1' },
    'append-fraction': { type: 'string', default: '0.01' },
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '1' },
    verify: { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const SEED = Number(args.seed);
const APPEND = Number(args['append-fraction']);
const RUNS = Number(args.runs);
const THREADS = 2;
const SELECT = ['--select', 'tag:segment'];
const TABLES = ['user_stitching', 'page_views__sessionized', 'sessions__initial', 'sessions__stitched', 'sessions'];

const work = mkdtempSync(join(tmpdir(), 'tsmodel-bench-segment-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const project = join(work, 'project');
const db = join(work, 'warehouse.duckdb');

/** The analytics project: the repo root as a package, Segment pages read from source segment.pages. */
function writeProject() {
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'project.yml'),
    [
      'name: segment_bench',
      'version: 0.1.0',
      'config-version: 2',
      'profile: segment_bench',
      'packages:',
      `  - local: ${JSON.stringify(root)}`,
      'vars:',
      '  tsmodel_sessionization:',
      `    segment_page_views_table: "{{ source('segment', 'pages') }}"`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(project, 'profiles.yml'),
    `segment_bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n` +
      `      path: "{{ env_var('SEGMENT_BENCH_DB') }}"\n      threads: ${THREADS}\n`,
  );
}

/** Runs tsmodel on `database`; returns wall ms and stdout, or exits with its output on failure. */
function tsmodel(command, extra, database = db) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, command, '--project-dir', project, ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', SEGMENT_BENCH_DB: database },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    console.error(`bench: tsmodel ${command} exited ${result.status}\n${result.stdout}${result.stderr}`);
    process.exit(1);
  }
  return { ms, stdout: result.stdout };
}

const fmt = seconds;
const log = (msg) => console.log(`bench: ${msg}`);

/** Rows differing between each Segment table of `a` and `b`, both directions, by table. */
async function differences(a, b) {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`attach '${a}' as a (read_only)`);
  await conn.run(`attach '${b}' as b (read_only)`);
  const result = {};
  for (const t of TABLES) {
    const sql = `select (select count(*) from (select * from a.${t} except all select * from b.${t})) +
                        (select count(*) from (select * from b.${t} except all select * from a.${t})) as n`;
    result[t] = Number((await conn.runAndReadAll(sql)).getRowObjectsJS()[0].n);
  }
  conn.closeSync();
  instance.closeSync();
  return result;
}

log('building dist/');
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
writeProject();

let started = Date.now();
await generatePages(db, { rows: ROWS, seed: SEED });
const generateMs = Date.now() - started;
log(`generated ${ROWS} page views in ${fmt(generateMs)}`);
tsmodel('seed', []);

// The traced run replaces existing relations, as the timed ones do (an empty database would
// trace `create view` where later runs issue `create or replace view`).
log('full refresh (warm-up)');
tsmodel('run', [...SELECT, '--full-refresh']);
log('full refresh (traced)');
const fullTrace = parseTrace(tsmodel('run', [...SELECT, '--full-refresh', '--debug', '--log-format', 'json']).stdout);
const parents = readDependencies(project);
const full = { wall: [], floor: [] };
for (let r = 0; r < RUNS; r++) {
  log(`full refresh, run ${r + 1} of ${RUNS}`);
  full.floor.push(await replay(db, fullTrace, parents));
  full.wall.push(tsmodel('run', [...SELECT, '--full-refresh']).ms);
}

started = Date.now();
const total = await generatePages(db, { seed: SEED, appendFraction: APPEND });
log(`appended ${total - ROWS} page views in ${fmt(Date.now() - started)}`);
const before = join(work, 'before-incremental.duckdb');
copyDb(db, before);

log('incremental (traced)');
const incTrace = parseTrace(tsmodel('run', [...SELECT, '--debug', '--log-format', 'json']).stdout);
const inc = { wall: [], floor: [] };
for (let r = 0; r < RUNS; r++) {
  log(`incremental, run ${r + 1} of ${RUNS}`);
  copyDb(before, db);
  inc.floor.push(await replay(db, incTrace, parents));
  copyDb(before, db);
  inc.wall.push(tsmodel('run', SELECT).ms);
}

let verdict = 'not checked (pass --verify)';
if (args.verify) {
  log('verify: full refresh of a copy of the incremental result');
  const refreshed = join(work, 'refreshed.duckdb');
  copyDb(db, refreshed);
  tsmodel('run', [...SELECT, '--full-refresh'], refreshed);
  const diff = await differences(db, refreshed);
  const bad = Object.entries(diff).filter(([, n]) => n > 0);
  verdict = bad.length === 0 ? 'identical (all 5 tables)' : `DIFFERENT: ${bad.map(([t, n]) => `${t} ${n} rows`).join(', ')}`;
}

const fullWall = median(full.wall);
const fullFloor = median(full.floor);
const incWall = median(inc.wall);
const incFloor = median(inc.floor);
const ok = targetVerdict;
const rows = [
  ['measure', 'value', 'target', ''],
  ['full refresh (tsmodel run --full-refresh)', fmt(fullWall), '', ''],
  ['full refresh engine floor', fmt(fullFloor), '', ''],
  ['full refresh / floor', `${(fullWall / fullFloor).toFixed(3)}×`, '≤ 1.10×', ok(fullWall / fullFloor <= 1.1)],
  [`incremental after +${APPEND * 100}% (tsmodel run)`, fmt(incWall), '', ''],
  ['incremental engine floor', fmt(incFloor), '', ''],
  ['incremental / floor', `${(incWall / incFloor).toFixed(3)}×`, '≤ 1.10×', ok(incWall / incFloor <= 1.1)],
  ['incremental / full refresh', `${((incWall / fullWall) * 100).toFixed(1)}%`, '≤ 10%', ok(incWall / fullWall <= 0.1)],
];
printTable(
  `Segment benchmark — ${ROWS} page views (seed ${SEED}, generated in ${fmt(generateMs)}), node ${process.version}, ` +
    `${availableParallelism()} CPUs, ${Math.round(totalmem() / 2 ** 30)} GB, ${THREADS} threads, median of ${RUNS}; ` +
    'tsmodel figures are whole processes (start, compile, run, artifacts)',
  rows,
);
console.log(`incremental ≡ full refresh: ${verdict}`);
