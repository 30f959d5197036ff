import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter, Connection } from '@tsmodel/core/adapter';
import { dbtMacroCaseQuery, dbtMacroCasesFor, expectedValue } from '@tsmodel/adapter-testkit';
import { createDuckDBAdapter } from './duckdb-adapter';

/** Every `dbt.` cross-database macro executed on DuckDB, against the value dbt documents. */
describe('dbt namespace macros on DuckDB', () => {
  let adapter: Adapter;
  let conn: Connection;
  beforeAll(async () => {
    adapter = createDuckDBAdapter(
      {
        type: 'duckdb',
        name: 'test',
        profile_name: 'test',
        schema: 'main',
        threads: 1,
        path: ':memory:',
      },
      { projectRoot: tmpdir() },
    );
    conn = await adapter.connect();
  });
  afterAll(async () => {
    await conn?.close();
    await adapter?.close();
  });

  for (const c of dbtMacroCasesFor('duckdb')) {
    it(c.name, async () => {
      const rows = await conn.query<{ v: string | null }>(dbtMacroCaseQuery('duckdb', c));
      expect(rows).toEqual([{ v: expectedValue(c, 'duckdb') }]);
    });
  }
});
