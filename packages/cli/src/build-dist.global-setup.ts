/**
 * vitest globalSetup: bundles dist/ once before any test file runs, so tests that spawn
 * `bin/tsmodel.js` exercise the code under test and not a stale build. The build only rewrites
 * files whose contents changed, so concurrent test runs do not disturb each other.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
