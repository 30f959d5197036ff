import { defineConfig } from 'vitest/config';

/**
 * Three tiers, chosen by where a test file lives and how it is named:
 * - warehouse: anything under packages/adapter-postgres/, or named `*.warehouse.test.ts`
 *   (needs a server: gated on TSMODEL_PG_URL / TSMODEL_REDSHIFT_URL / TSMODEL_SNOWFLAKE_*;
 *   packages/adapter-snowflake's live suite is its `*.warehouse.test.ts`, the rest is unit);
 * - integration: integration_tests/, bench/, packages/adapter-duckdb/, or `*.int.test.ts`
 *   (real DuckDB, the spawned CLI on dist/);
 * - unit: every other `packages/<pkg>/src/**\/*.test.ts` — pure, and guarded: importing a
 *   database driver there fails the test (see scripts/unit-tier-guard.ts).
 * `npm test` runs all three.
 */
const WAREHOUSE = ['packages/adapter-postgres/**/*.test.ts', '**/*.warehouse.test.ts'];
const INTEGRATION = [
  'integration_tests/**/*.test.ts',
  'bench/**/*.test.ts',
  'packages/adapter-duckdb/**/*.test.ts',
  '**/*.int.test.ts',
];
const NOT_HERE = ['**/node_modules/**', '**/dist/**'];
// The spawned CLI runs dist/: build it first, but only for the tiers that spawn it.
const BUILD_DIST = ['packages/cli/src/build-dist.global-setup.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          exclude: [...NOT_HERE, ...WAREHOUSE, ...INTEGRATION],
          setupFiles: ['scripts/unit-tier-guard.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          exclude: [...NOT_HERE, ...WAREHOUSE],
          globalSetup: BUILD_DIST,
        },
      },
      {
        extends: true,
        test: { name: 'warehouse', include: WAREHOUSE, exclude: NOT_HERE, globalSetup: BUILD_DIST },
      },
    ],
  },
});
