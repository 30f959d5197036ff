/**
 * `--defer --state` and `tsmodel clone --state` on PostgreSQL (TSMODEL_PG_URL): a production
 * target and a development target in two schemas of one database, as in the DuckDB tests.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SLIM_CI_DEV_CUSTOMERS, SLIM_CI_FILES } from '@tsmodel/adapter-testkit';
import { pgTestProject, type PgTestProject } from './pg-test-project';
import { targetFromUrl } from './target-from-url';

const url = process.env.TSMODEL_PG_URL;

describe.skipIf(!url)('--defer and clone on PostgreSQL (TSMODEL_PG_URL)', () => {
  let p: PgTestProject;
  let prod: string;
  afterAll(async () => {
    await p?.cleanup([prod]);
  });

  it('defers unselected parents to production, then clones production into development', async () => {
    p = pgTestProject(url!, 'slimci', SLIM_CI_FILES);
    prod = `${p.schema}_prod`;
    const output = (schema: string) => {
      const { name: _n, profile_name: _p, ...rest } = targetFromUrl('postgres', url!, schema);
      return rest;
    };
    p.write({
      'profiles.yml': JSON.stringify({
        shop: { target: 'pg', outputs: { pg: output(p.schema), prod: output(prod) } },
      }),
    });
    expect((await p.run('build', '--target', 'prod')).code).toBe(0);
    const state = join(p.dir, 'prod-state');
    mkdirSync(state, { recursive: true });
    copyFileSync(join(p.dir, 'target', 'manifest.json'), join(state, 'manifest.json'));

    const deferred = await p.run('run', '-s', 'report', '--defer', '--state', state);
    expect(deferred.code).toBe(0);
    expect(deferred.output).toContain('Deferring 2 unselected parents to');
    expect(await p.sql(`select * from "${p.schema}".report`)).toEqual([
      { order_id: 10, built_in: 'prod' },
    ]);

    p.write(SLIM_CI_DEV_CUSTOMERS);
    expect((await p.run('run', '-s', 'customers')).code).toBe(0);
    const cloned = await p.run('clone', '--state', state);
    expect(cloned.code).toBe(0);
    expect(
      await p.sql(
        `select table_name, table_type from information_schema.tables where table_schema = $1 order by 1`,
        [p.schema],
      ),
    ).toEqual([
      { table_name: 'customers', table_type: 'BASE TABLE' },
      { table_name: 'orders', table_type: 'VIEW' },
      { table_name: 'report', table_type: 'BASE TABLE' },
    ]);
    const full = await p.run('clone', '--state', state, '--full-refresh');
    expect(full.code).toBe(0);
    expect(await p.sql(`select built_in from "${p.schema}".customers`)).toEqual([
      { built_in: 'prod' },
    ]);
  });
});
