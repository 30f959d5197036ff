/**
 * `--defer --state` and `tsmodel clone --state`: dbt's slim CI loop on DuckDB — a production
 * run's artifacts as state, a development target that builds only what changed and reads (or
 * copies) the rest from production.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLIM_CI_DEV_CUSTOMERS, SLIM_CI_FILES } from '@tsmodel/adapter-testkit';
import { testProject } from './run-fixtures';

const PROFILES = `shop:
  target: dev
  outputs:
    dev: {type: duckdb, path: target/shop.duckdb, schema: dev, threads: 2}
    prod: {type: duckdb, path: target/shop.duckdb, schema: prod, threads: 2}
`;

function slimCiProject() {
  const p = testProject({
    'profiles.yml': PROFILES,
    ...SLIM_CI_FILES,
  });
  const state = join(p.dir, 'prod-state');
  return {
    p,
    state,
    async buildProduction() {
      expect((await p.run('build', '--target', 'prod')).code).toBe(0);
      mkdirSync(state, { recursive: true });
      copyFileSync(join(p.dir, 'target', 'manifest.json'), join(state, 'manifest.json'));
    },
  };
}

describe('--defer --state', () => {
  it('reads unselected parents from production when this target has not built them', async () => {
    const { p, state, buildProduction } = slimCiProject();
    await buildProduction();
    const r = await p.run('run', '-s', 'report', '--defer', '--state', state);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Deferring 2 unselected parents to');
    expect(r.stdout).toContain('customers → "shop"."prod"."customers"');
    expect(await p.relations('dev')).toEqual(['report']);
    expect(await p.query('select * from dev.report')).toEqual([{ order_id: 10, built_in: 'prod' }]);
  });

  it('reads a parent built in this target from here, unless --favor-state', async () => {
    const { p, state, buildProduction } = slimCiProject();
    await buildProduction();
    p.write(SLIM_CI_DEV_CUSTOMERS);
    expect((await p.run('run', '-s', 'customers')).code).toBe(0);
    const deferred = await p.run('run', '-s', 'report', '--defer', '--state', state);
    expect(deferred.code).toBe(0);
    expect(deferred.stdout).toContain('Deferring 1 unselected parent to');
    expect(await p.query('select built_in from dev.report')).toEqual([{ built_in: 'dev' }]);
    const favored = await p.run(
      'run',
      '-s',
      'report',
      '--defer',
      '--favor-state',
      '--state',
      state,
    );
    expect(favored.code).toBe(0);
    expect(await p.query('select built_in from dev.report')).toEqual([{ built_in: 'prod' }]);
  });

  it('builds state:modified+ and defers the rest: the slim CI loop', async () => {
    const { p, state, buildProduction } = slimCiProject();
    await buildProduction();
    p.write({
      'models/orders.sql':
        "{{ config(materialized='table') }}\nselect 11 as order_id, 1 as customer_id",
    });
    const r = await p.run('build', '-s', 'state:modified+', '--defer', '--state', state);
    expect(r.code).toBe(0);
    expect(await p.relations('dev')).toEqual(['orders', 'report']);
    expect(await p.query('select * from dev.report')).toEqual([{ order_id: 11, built_in: 'prod' }]);
  });

  it('retry defers again, with the state of the run it retries', async () => {
    const { p, state, buildProduction } = slimCiProject();
    await buildProduction();
    p.write({ 'models/report.sql': "select nope from {{ ref('orders') }}" });
    expect((await p.run('run', '-s', 'report', '--defer', '--state', state)).code).toBe(1);
    p.write({
      'models/report.sql':
        "{{ config(materialized='table') }}\nselect o.order_id, c.built_in from {{ ref('orders') }} o join {{ ref('customers') }} c on c.id = o.customer_id",
    });
    const retried = await p.run('retry');
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain('Deferring 2 unselected parents to');
    expect(await p.query('select * from dev.report')).toEqual([{ order_id: 10, built_in: 'prod' }]);
  });

  it('without a state is an error that says which flag is missing', async () => {
    const { p } = slimCiProject();
    const r = await p.run('run', '-s', 'report', '--defer');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '--defer needs the artifacts of an earlier run to read parents from',
    );
    expect(r.stderr).toContain('add --state DIR');
  });
});

describe('tsmodel clone --state', () => {
  it("makes the selected nodes views of production's relations, keeping what exists here", async () => {
    const { p, state, buildProduction } = slimCiProject();
    await buildProduction();
    p.write(SLIM_CI_DEV_CUSTOMERS);
    expect((await p.run('run', '-s', 'customers')).code).toBe(0);
    const r = await p.run('clone', '--state', state);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/OK created sql table model dev\.orders \.+ \[CREATE VIEW in/);
    expect(r.stdout).toContain(
      'No-op: "shop"."dev"."customers" exists (--full-refresh replaces it)',
    );
    const kinds = await p.query(
      "select table_name, table_type from information_schema.tables where table_schema = 'dev' order by 1",
    );
    expect(kinds).toEqual([
      { table_name: 'customers', table_type: 'BASE TABLE' },
      { table_name: 'orders', table_type: 'VIEW' },
      { table_name: 'report', table_type: 'VIEW' },
    ]);
    expect(await p.query('select built_in from dev.customers')).toEqual([{ built_in: 'dev' }]);
    expect(await p.query('select * from dev.report')).toEqual([{ order_id: 10, built_in: 'prod' }]);

    const replaced = await p.run('clone', '--state', state, '-s', 'customers', '--full-refresh');
    expect(replaced.code).toBe(0);
    expect(await p.query('select built_in from dev.customers')).toEqual([{ built_in: 'prod' }]);
  });

  it('fails a node whose state relation is gone, and refuses to run without --state', async () => {
    const { p, state, buildProduction } = slimCiProject();
    await buildProduction();
    await p.query('drop table prod.report');
    const r = await p.run('clone', '--state', state);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(
      'the --state relation "shop"."prod"."report" of model.shop.report does not exist',
    );
    const none = await p.run('clone');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(
      'tsmodel clone copies the relations of an earlier run, and no --state was given',
    );
  });
});
