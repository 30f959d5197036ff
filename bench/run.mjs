#!/usr/bin/env node
// Run benchmark: `npm run bench:run [-- 1000]`.
//
// Generates two projects of N trivial models each (all views, all tables); model i selects
// `<i> as id, 'x' as name` from model floor(i/2), a binary-tree DAG. For each it times
// `tsmodel run` (4 threads) on an empty database (target/ deleted: cold compile too) and again
// on the built database (every relation replaced: view → create or replace, table → tmp
// build + transactional rename swap + backup drop).
//
// The engine floor is the same statements, in the same order, issued directly through
// @duckdb/node-api from this script: they are captured from `tsmodel run --debug
// --log-format json` (one `statement` event per statement, begin/commit included) and replayed
// on 4 connections, each node's statements in sequence and a node only after its parent's, as
// the runner schedules them. The floor includes opening and closing (checkpointing) the
// database, as the run does. Overhead per model = (tsmodel − floor) / N; the target is ≤ 3 ms.
// The third project's views list their parent's columns (`adapter.get_columns_in_relation`),
// so each renders again just in time at run time: its overhead includes those renders, its
// floor the catalog queries they caused.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTrace, readDependencies, replay } from './replay.mjs';
import { median, printTable } from './report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'tsmodel.js');
const N = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 1000;
const THREADS = 4;
const RUNS = Number(process.env.BENCH_RUNS) || 3;
const TARGET_MS = 3;

const work = mkdtempSync(join(tmpdir(), 'tsmodel-bench-run-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const parentOf = (i) => (i === 0 ? undefined : Math.floor(i / 2));

/**
 * A model of the `jit` project: a view that lists its parent's columns through
 * `adapter.get_columns_in_relation` (as `dbt_utils.star` does), so it renders again just in
 * time at run time against the warehouse's catalog.
 */
function jitModel(i, parent) {
  if (parent === undefined) return `{% if execute %}select ${i} as id, 'x' as name{% else %}select 1 as id, 'x' as name{% endif %}\n`;
  return (
    `{{ config(materialized='view') }}\n` +
    `select {% if execute %}{% for c in adapter.get_columns_in_relation(ref('m_${parent}')) %}` +
    `{{ c.quoted }}{{ ', ' if not loop.last }}{% endfor %}{% else %}*{% endif %}\n` +
    `from {{ ref('m_${parent}') }}\nlimit 1\n`
  );
}

/** A project of N models materialized as `kind` (or `jit`), on a DuckDB file under target/. */
function generate(kind) {
  const dir = join(work, kind);
  mkdirSync(join(dir, 'models'), { recursive: true });
  writeFileSync(join(dir, 'project.yml'), `name: bench\nversion: "1.0.0"\nprofile: bench\n`);
  writeFileSync(
    join(dir, 'profiles.yml'),
    `bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/bench.duckdb\n` +
      `      schema: main\n      threads: ${THREADS}\n`,
  );
  for (let i = 0; i < N; i++) {
    const parent = parentOf(i);
    const from = parent === undefined ? '' : `\nfrom {{ ref('m_${parent}') }}\nlimit 1`;
    writeFileSync(
      join(dir, 'models', `m_${i}.sql`),
      kind === 'jit'
        ? jitModel(i, parent)
        : `{{ config(materialized='${kind}') }}\nselect ${i} as id, 'x' as name${from}\n`,
    );
  }
  return dir;
}

/** Runs `tsmodel run` once; returns wall ms and stdout, or exits with its output on failure. */
function tsmodelRun(dir, extra = []) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, 'run', '--project-dir', dir, ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    console.error(`bench: tsmodel run exited ${result.status}\n${result.stdout}${result.stderr}`);
    process.exit(1);
  }
  return { ms, stdout: result.stdout };
}

console.log('bench: building dist/');
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

const rows = [];
for (const kind of ['view', 'table', 'jit']) {
  console.log(`bench: ${N} ${kind} models`);
  const dir = generate(kind);
  const target = join(dir, 'target');
  rmSync(target, { recursive: true, force: true });
  const trace = () => parseTrace(tsmodelRun(dir, ['--debug', '--log-format', 'json']).stdout);
  const traces = { empty: trace(), rebuild: trace() };
  const parents = readDependencies(dir);

  const samples = { empty: [], rebuild: [] };
  for (let r = 0; r < RUNS; r++) {
    rmSync(target, { recursive: true, force: true });
    samples.empty.push(tsmodelRun(dir).ms);
    samples.rebuild.push(tsmodelRun(dir).ms);
  }

  const floors = { empty: [], rebuild: [] };
  // Same file name as the run's (target/bench.duckdb): DuckDB names the catalog after the file,
  // and the traced statements name relations "bench"."main"."m1".
  mkdirSync(join(work, `${kind}-floor`), { recursive: true });
  const floorDb = join(work, `${kind}-floor`, 'bench.duckdb');
  for (let r = 0; r < RUNS; r++) {
    rmSync(floorDb, { force: true });
    rmSync(`${floorDb}.wal`, { force: true });
    floors.empty.push(await replay(floorDb, traces.empty, parents));
    floors.rebuild.push(await replay(floorDb, traces.rebuild, parents));
  }
  for (const phase of ['empty', 'rebuild']) {
    const statements = traces[phase].length;
    rows.push({
      label: `${N} ${kind === 'jit' ? 'just-in-time view' : kind}s, ${phase === 'empty' ? 'empty database' : 'rebuild'}`,
      statements,
      wall: median(samples[phase]),
      floor: median(floors[phase]),
    });
  }
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const table = [
  ['case', 'statements', 'tsmodel run', 'per model', 'engine floor', 'overhead/model', 'target', ''],
  ...rows.map((r) => {
    const overhead = (r.wall - r.floor) / N;
    return [
      r.label,
      String(r.statements),
      fmtMs(r.wall),
      `${(r.wall / N).toFixed(2)} ms`,
      fmtMs(r.floor),
      `${overhead.toFixed(2)} ms`,
      `≤ ${TARGET_MS} ms`,
      overhead <= TARGET_MS ? 'ok' : 'OVER',
    ];
  }),
];
printTable(
  `tsmodel run benchmark — node ${process.version}, ${availableParallelism()} CPUs, ${THREADS} threads, ` +
    `median of ${RUNS}; tsmodel figures are whole processes (start, compile, run, run_results.json)`,
  table,
);
