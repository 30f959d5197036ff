// Bundles the CLI into dist/ with esbuild. Commands and adapters are split into
// their own chunks and loaded with dynamic import, so `tsmodel --help` stays fast.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.optionalDependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
];

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'packages/cli/src/main.ts', index: 'packages/core/src/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external,
  define: { __TSMODEL_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
