/**
 * Setup file of the `unit` test tier: a unit test reaches no database engine and spawns no
 * process (the CLI bundle, a worker script). Loading a driver or `node:child_process` here
 * fails the test with the rule to follow, so a slow test cannot slip into the tier that has to
 * run in seconds, nor run a stale dist/ that only the other tiers rebuild (vitest.config.ts).
 */
import { vi } from 'vitest';

function refuse(what: string): never {
  throw new Error(
    `unit tests run no database engine and spawn no process, but this test loaded ${what}: ` +
      'rename the file to *.int.test.ts (DuckDB, spawned CLI) or *.warehouse.test.ts (a server)',
  );
}

vi.mock('@duckdb/node-api', () => refuse('@duckdb/node-api'));
vi.mock('pg', () => refuse('pg'));
vi.mock('node:child_process', () => refuse('node:child_process'));
vi.mock('child_process', () => refuse('child_process'));
vi.mock('snowflake-sdk', () => refuse('snowflake-sdk'));
