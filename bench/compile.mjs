#!/usr/bin/env node
// Compile benchmark: `npm run bench:compile [-- 1000 10000]`.
//
// For each size N it generates a random DAG project with ../shared/bench/gen_dag_project.py,
// then times `tsmodel compile` cold (no target/, as after a fresh clone), cold right after
// deleting target/ (`tsmodel clean`; with the filesystem's own cost of writing the same files
// beside it) and warm (nothing changed, parse cache in target/), plus the cold start of
// `tsmodel --help`. Each figure is the median of several
// runs of a fresh `node bin/tsmodel.js` process, with its peak RSS. It prints figures next to
// the targets; it is not a test and never fails on a slow figure.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'tsmodel.js');
const generator = join(root, '..', 'shared', 'bench', 'gen_dag_project.py');
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [1000, 10000];
const RUNS = 3;
const HELP_RUNS = 10;

const TARGETS = {
  help: { ms: 150 },
  cold: { n: 10000, ms: 1500, rssMb: 400 },
  warm: { n: 10000, ms: 300, rssMb: 400 },
};

if (!existsSync(generator)) {
  console.error(`bench: project generator not found at ${generator}`);
  console.error('bench: it ships in the shared directory beside the repo (../shared/bench/gen_dag_project.py)');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'tsmodel-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// Peak RSS: GNU time when installed, else a preload that reports the process's own maxRSS.
const gnuTime = ['/usr/bin/time'].find((t) => spawnSync(t, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0);
const rssFile = join(work, 'rss.txt');
const preload = join(work, 'rss-preload.mjs');
writeFileSync(
  preload,
  `import { writeFileSync } from 'node:fs';\n` +
    `process.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`,
);

/** Runs tsmodel once; returns wall ms and peak RSS in MB, or exits with its output on failure. */
function runTsmodel(args) {
  rmSync(rssFile, { force: true });
  const [cmd, cmdArgs] = gnuTime
    ? [gnuTime, ['-f', '%M', '-o', rssFile, process.execPath, bin, ...args]]
    : [process.execPath, ['--import', preload, bin, ...args]];
  const started = process.hrtime.bigint();
  const result = spawnSync(cmd, cmdArgs, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    console.error(`bench: tsmodel ${args.join(' ')} exited ${result.status}\n${result.stdout}${result.stderr}`);
    process.exit(1);
  }
  const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  return { ms, rssMb: kb / 1024 };
}

/**
 * What the filesystem alone needs for a compile's output right after `tsmodel clean`: reads
 * target/compiled into memory, deletes target/, waits as long as a compile takes before it
 * writes (`delayMs`), then times a bare loop creating the same directories and files. On ext4
 * without a journal, creating files where thousands were deleted seconds ago costs several
 * times more (its inode allocator checks and skips recently freed inodes), so this is the floor
 * for the "cold after clean" row. Median of RUNS; no RSS (not a tsmodel process).
 */
function fileWritingFloor(targetDir, delayMs) {
  const compiled = join(targetDir, 'compiled');
  const files = readdirSync(compiled, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .map((file) => [file, readFileSync(file, 'utf8')]);
  const dirs = [...new Set(files.map(([file]) => dirname(file)))];
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    rmSync(targetDir, { recursive: true, force: true });
    execFileSync('sync');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delayMs);
    const started = process.hrtime.bigint();
    for (const dir of dirs) mkdirSync(dir, { recursive: true });
    for (const [file, sql] of files) writeFileSync(file, sql);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { ms: median(samples), rssMb: undefined };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Median wall time and the largest peak RSS over `runs` runs; `before` runs untimed before
 * each. `args` may be a function, for arguments that differ per run.
 */
function measure(runs, args, before = () => {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    before();
    samples.push(runTsmodel(typeof args === 'function' ? args() : args));
  }
  return { ms: median(samples.map((s) => s.ms)), rssMb: Math.max(...samples.map((s) => s.rssMb)) };
}

console.log('bench: building dist/');
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

const rows = [];
runTsmodel(['--help']);
rows.push({ label: 'tsmodel --help (cold start)', ...measure(HELP_RUNS, ['--help']), target: TARGETS.help });

for (const n of SIZES) {
  const dir = join(work, `dag-${n}`);
  console.log(`bench: generating ${n} models`);
  execFileSync('python3', [generator, String(n), dir], { stdio: 'inherit' });
  const project = join(dir, 'tsmodel');
  // The generated project names `profile: bench` and ships no profiles.yml; a named profile
  // that cannot be found is an error (never a silent local default), so give it one.
  writeFileSync(
    join(project, 'profiles.yml'),
    'bench:\n  outputs:\n    dev:\n      type: duckdb\n      path: bench.duckdb\n',
  );
  const args = ['compile', '--project-dir', project, '--quiet'];
  const coldTarget = n === TARGETS.cold.n ? TARGETS.cold : undefined;
  const warmTarget = n === TARGETS.warm.n ? TARGETS.warm : undefined;
  console.log(`bench: compiling ${n} models cold`);
  // Cold as after a fresh clone: no target/ at all. Each run gets its own new --target-path;
  // none is deleted until the end, because deleting thousands of files changes what creating
  // files costs for the next half minute (see the rows below).
  let coldRun = 0;
  const cold = measure(RUNS, () => [...args, '--target-path', `cold-${coldRun++}`]);
  rows.push({ label: `compile ${n} models, cold`, ...cold, target: coldTarget });
  console.log(`bench: compiling ${n} models cold, right after deleting target/`);
  runTsmodel(args);
  const afterClean = measure(RUNS, args, () => {
    rmSync(join(project, 'target'), { recursive: true, force: true });
    execFileSync('sync');
  });
  rows.push({ label: `compile ${n} models, cold after clean`, ...afterClean });
  rows.push({
    label: '  (filesystem alone: same files)',
    ...fileWritingFloor(join(project, 'target'), cold.ms / 2),
  });
  runTsmodel(args);
  console.log(`bench: compiling ${n} models warm`);
  rows.push({ label: `compile ${n} models, warm`, ...measure(RUNS, args), target: warmTarget });
}

function verdict(value, limit) {
  if (limit === undefined) return '';
  return value <= limit ? 'ok' : 'OVER';
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const table = [
  ['case', 'wall (median)', 'target', '', 'peak RSS', 'target', ''],
  ...rows.map((r) => [
    r.label,
    fmtMs(r.ms),
    r.target?.ms !== undefined ? `≤ ${fmtMs(r.target.ms)}` : '',
    verdict(r.ms, r.target?.ms),
    r.rssMb === undefined ? '' : `${Math.round(r.rssMb)} MB`,
    r.target?.rssMb !== undefined ? `≤ ${r.target.rssMb} MB` : '',
    verdict(r.rssMb, r.target?.rssMb),
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');

console.log('');
console.log(
  `tsmodel compile benchmark — node ${process.version}, ${availableParallelism()} CPUs, ` +
    `median of ${RUNS} (--help: ${HELP_RUNS}), RSS via ${gnuTime ? 'GNU time' : 'process.resourceUsage()'}`,
);
console.log(line(table[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table.slice(1)) console.log(line(row));
