// Bundles the CLI into dist/ with esbuild. Commands load core, adapters and templating with
// dynamic import(), which esbuild splits into chunks, so `tsmodel --help` parses only the CLI.
//
// Every pure-JS dependency is bundled: resolving and loading hundreds of files from
// node_modules (nunjucks, zod, yaml, yargs, …) cost ~100 ms of each start. Only the native
// drivers stay external, loaded lazily by the adapters that need them.
//
// Core's bundled assets (packages/core/include → dist/include) are copied alongside.
//
// The docs site's browser app (packages/core/src/docs-site/app) is a second, browser bundle:
// dist/docs-site/app.js and app.css, which `tsmodel docs generate` copies into target/.
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
// polyglot-sql loads its WebAssembly grammar from beside its own module, so it stays in node_modules.
const external = ['@duckdb/node-api', 'pg', 'pg-native', 'snowflake-sdk', 'chokidar', 'fsevents', '@polyglot-sql/sdk'];

const result = await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'packages/cli/src/main.ts',
    index: 'packages/core/src/index.ts',
    // Loaded by path (compile/render-pool.ts) to render on the second core.
    'render-worker': 'packages/core/src/compile/render-worker.ts',
    // Loaded by path (compile/compiled-files-writer.ts) to write compiled SQL on the second core.
    'compiled-files-worker': 'packages/core/src/compile/compiled-files-worker.ts',
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
  // Bundled CommonJS packages (nunjucks) call require() for Node built-ins.
  banner: { js: "import { createRequire as __tsmCreateRequire } from 'node:module'; const require = __tsmCreateRequire(import.meta.url);" },
  define: { __TSMODEL_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  write: false,
});

// One file, minified: it is inlined whole into `docs generate --static`'s page.
const docsApp = await build({
  absWorkingDir: root,
  entryPoints: { app: 'packages/core/src/docs-site/app/main.ts' },
  outdir: join(outdir, 'docs-site'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
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
assetFiles.push({
  path: join(outdir, 'docs-site', 'app.css'),
  contents: readFileSync(join(root, 'packages/core/src/docs-site/app/app.css')),
});

const written = new Set();
for (const file of [...result.outputFiles, ...docsApp.outputFiles, ...assetFiles]) {
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
