#!/usr/bin/env node
// Docs benchmark: `npm run bench:docs [-- 10000]`.
//
// Generates a random DAG project of N models with ../shared/bench/gen_dag_project.py, then
// times `tsmodel compile` against `tsmodel docs generate` (catalog from the DuckDB target,
// column lineage, the site) — each from a fresh --target-path (cold) and again on the same one
// (warm: the parse cache), medians of several runs of a fresh process — and prints the
// difference against the ≤ 3 s target. Then serves the site and times, in headless Chromium,
// how long the lineage page of the whole project takes to open (navigation until the page
// signals the graph drawn) against the ≤ 2 s target, and one redraw (what a pan or zoom costs).
// It prints figures; it is not a test and never fails on a slow figure.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumAvailable, chromiumPath, launchChromium } from '../scripts/chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'tsmodel.js');
const generator = join(root, '..', 'shared', 'bench', 'gen_dag_project.py');
const N = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 10000;
const RUNS = 3;
const TARGETS = { extraMs: 3000, pageMs: 2000 };

if (!existsSync(generator)) {
  console.error(`bench: project generator not found at ${generator}`);
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'tsmodel-bench-docs-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

console.log(`bench: generating ${N} models`);
execFileSync('python3', [generator, String(N), join(work, 'dag')], { stdio: 'inherit' });
const project = join(work, 'dag', 'tsmodel');
// The generated project names `profile: bench` and ships no profiles.yml.
writeFileSync(join(project, 'profiles.yml'), 'bench:\n  outputs:\n    dev:\n      type: duckdb\n      path: bench.duckdb\n');

/** Wall ms of one `tsmodel <args>` in a fresh process; exits with its output on failure. */
function timeTsmodel(args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args, '--project-dir', project, '--quiet'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) {
    console.error(`bench: tsmodel ${args.join(' ')} exited ${r.status}\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

const figures = { compileCold: [], docsCold: [], compileWarm: [], docsWarm: [] };
let siteTarget;
for (let run = 0; run < RUNS; run++) {
  console.log(`bench: run ${run + 1}/${RUNS}`);
  const compileTarget = join(work, `compile-${run}`);
  const docsTarget = join(work, `docs-${run}`);
  figures.compileCold.push(timeTsmodel(['compile', '--target-path', compileTarget]));
  figures.docsCold.push(timeTsmodel(['docs', 'generate', '--target-path', docsTarget]));
  figures.compileWarm.push(timeTsmodel(['compile', '--target-path', compileTarget]));
  figures.docsWarm.push(timeTsmodel(['docs', 'generate', '--target-path', docsTarget]));
  siteTarget = docsTarget;
}
const rows = [
  ['tsmodel compile (cold)', median(figures.compileCold)],
  ['tsmodel docs generate (cold)', median(figures.docsCold)],
  ['tsmodel compile (warm)', median(figures.compileWarm)],
  ['tsmodel docs generate (warm)', median(figures.docsWarm)],
];
console.log(`\n${N} models, median of ${RUNS} runs:`);
for (const [label, ms] of rows) console.log(`  ${label.padEnd(34)} ${fmt(ms)}`);
for (const kind of ['cold', 'warm']) {
  const extra = median(figures[kind === 'cold' ? 'docsCold' : 'docsWarm']) - median(figures[kind === 'cold' ? 'compileCold' : 'compileWarm']);
  console.log(`  docs generate beyond compile (${kind})   ${fmt(extra)}  (target ≤ ${fmt(TARGETS.extraMs)}: ${extra <= TARGETS.extraMs ? 'met' : 'MISSED'})`);
}

if (!chromiumAvailable()) {
  console.log(`\nbench: no browser at ${chromiumPath()}: the lineage page was not timed (apt-get install -y chromium)`);
  process.exit(0);
}
const server = spawn(process.execPath, [bin, 'docs', 'serve', '--port', '0', '--project-dir', project, '--target-path', siteTarget]);
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const found = /Serving the docs site at (\S+)/.exec(out)?.[1];
    if (found) resolve(found);
  });
  server.on('exit', (code) => reject(new Error(`docs serve exited ${code}: ${out}`)));
});
const browser = await launchChromium();
try {
  const opens = [];
  const inPage = [];
  const redraws = [];
  let drawnNodes = 0;
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.context.newPage();
    const started = Date.now();
    await page.goto(`${url}#!/graph?select=`);
    await page.waitForSelector('body[data-graph="drawn"]', { timeout: 120_000 });
    opens.push(Date.now() - started);
    const state = await page.evaluate(() => {
      const docs = globalThis.tsmodelDocs;
      docs.canvas.zoomAt(400, 400, 1.5);
      docs.canvas.draw();
      return { drawnAt: docs.drawnAt, redraw: docs.canvas.lastDrawMs, nodes: docs.drawn.nodes.length };
    });
    inPage.push(state.drawnAt);
    redraws.push(state.redraw);
    drawnNodes = state.nodes;
    await page.close();
  }
  const open = median(opens);
  console.log(`\nLineage page of the whole project (${drawnNodes} nodes) in headless Chromium, median of ${RUNS}:`);
  console.log(`  navigation until the graph is drawn   ${fmt(open)}  (target ≤ ${fmt(TARGETS.pageMs)}: ${open <= TARGETS.pageMs ? 'met' : 'MISSED'})`);
  console.log(`  of which in the page (performance.now) ${fmt(median(inPage))}`);
  console.log(`  one redraw after a zoom               ${median(redraws).toFixed(1)} ms`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
