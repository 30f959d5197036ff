/**
 * dbt unit tests on PostgreSQL (TSMODEL_PG_URL): the shared project of every fixture form runs
 * as on DuckDB (unit-tests.int.test.ts), its rows typed from PostgreSQL's catalog.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UNIT_TEST_DIFF, UNIT_TEST_FILES, UNIT_TEST_STATUSES } from '@tsmodel/adapter-testkit';
import { pgTestProject, type PgTestProject } from './pg-test-project';

const url = process.env.TSMODEL_PG_URL;

function statuses(dir: string): Record<string, string> {
  const results = JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8'))
    .results as Array<{ unique_id: string; status: string }>;
  return Object.fromEntries(results.map((r) => [r.unique_id, r.status]));
}

describe.skipIf(!url)('unit tests on PostgreSQL (TSMODEL_PG_URL)', () => {
  let p: PgTestProject;
  afterAll(async () => {
    await p?.cleanup();
  });

  it('types fixtures from the catalog, compares on the server and prints the difference', async () => {
    p = pgTestProject(url!, 'unit', UNIT_TEST_FILES);
    expect((await p.run('seed')).code).toBe(0);
    // Unit tests read the input relations' column types: built empty first, as dbt asks.
    expect((await p.run('run', '--empty')).code).toBe(0);
    const run = await p.run('test');
    expect(run.code).toBe(1);
    expect(statuses(p.dir)).toEqual(UNIT_TEST_STATUSES);
    expect(run.output).toContain(UNIT_TEST_DIFF);
    // Scratch tables came and went.
    const tables = await p.sql<{ name: string }>(
      'select table_name as name from information_schema.tables where table_schema = $1 order by 1',
      [p.schema],
    );
    expect(tables.map((t) => t.name).filter((t) => t.includes('__'))).toEqual([]);
  });

  it('build skips the model whose unit test fails, and what depends on it', async () => {
    const build = await p.run('build', '--select', 'raw_orders', 'raw_customers', 'orders+');
    expect(build.code).toBe(1);
    expect(statuses(p.dir)).toMatchObject({
      'unit_test.shop.orders.doubles_paid': 'pass',
      'model.shop.orders': 'success',
      'unit_test.shop.big_orders.wrong_total': 'fail',
      'model.shop.big_orders': 'skipped',
    });
  });
});
