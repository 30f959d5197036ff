/* global process, console, URL, Buffer */
// Bundles the CLI into dist/ with esbuild. Commands load core, adapters and templating with
// dynamic import(), which esbuild splits into chunks, so `tsmodel --help` parses only the CLI.
//
// yargs is bundled (not loaded from node_modules): resolving and compiling its ~40 files costs
// ~15 ms of a 150 ms cold-start budget. Everything else in `dependencies` stays external.
//
// Core's bundled assets (packages/core/include → dist/include) are copied alongside.
//
// Output is written only where it changed, each file via rename, and stale files are removed
// last; a concurrent `tsmodel` (another test worker, an editor) never sees a half-written dist/.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bundled = new Set(['yargs']);
const external = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.optionalDependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
].filter((name) => !bundled.has(name));

const result = await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'packages/cli/src/main.ts',
    index: 'packages/core/src/index.ts',
    // Loaded by path (compile/render-pool.ts) to render on the second core.
    'render-worker': 'packages/core/src/compile/render-worker.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Syntax only: names and line breaks stay readable in `--debug` stack traces
  // (whitespace minification measured no faster to load).
  minifySyntax: true,
  external,
  define: { __TSMODEL_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  write: false,
});

function listFiles(dir) {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
  } catch {
    return [];
  }
}

function sameContents(file, contents) {
  try {
    return Buffer.compare(readFileSync(file), contents) === 0;
  } catch {
    return false;
  }
}

// Files core reads at run time next to the bundle (see packages/core/src/compile/internal-macros.ts).
const assets = [{ from: join(root, 'packages/core/include'), to: join(outdir, 'include') }];
const assetFiles = assets.flatMap(({ from, to }) =>
  listFiles(from).map((file) => ({ path: join(to, relative(from, file)), contents: readFileSync(file) })),
);

const written = new Set();
for (const file of [...result.outputFiles, ...assetFiles]) {
  written.add(file.path);
  if (sameContents(file.path, file.contents)) continue;
  mkdirSync(dirname(file.path), { recursive: true });
  const temp = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
  writeFileSync(temp, file.contents);
  renameSync(temp, file.path);
}
for (const file of listFiles(outdir)) {
  if (!written.has(file) && !basename(file).endsWith('.tmp')) rmSync(file, { force: true });
}
if (process.env.TSMODEL_BUILD_VERBOSE) console.log(`built ${[...written].map((f) => relative(root, f)).join(', ')}`);
