/**
 * `seed`, `test` and `build` end to end: odd CSVs, test severities and thresholds,
 * store_failures, build skipping, hooks and run_results.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linesWith, testProject } from './run-fixtures';

describe('tsmodel seed', () => {
  it('loads quotes, empty values, unicode and CRLF; column_types and delimiter apply', async () => {
    const p = testProject({
      'seeds/odd.csv':
        'id,name,note\r\n1,"Smith, ""Jo""",\r\n2,Zoë 東京,"multi\r\nline"\r\n3,,x\r\n',
      'seeds/semicolons.csv': 'code;amount\n007;1.50\n010;2\n',
      'seeds/seeds.yml':
        "version: 2\nseeds:\n  - name: semicolons\n    config:\n      delimiter: ';'\n      column_types: {code: varchar, amount: 'decimal(10,2)'}\n",
    });
    const first = await p.run('seed');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/OK loaded seed file main\.odd \.+ \[INSERT 3 in/);
    expect(await p.query('select * from odd order by id')).toEqual([
      { id: 1, name: 'Smith, "Jo"', note: null },
      { id: 2, name: 'Zoë 東京', note: 'multi\r\nline' },
      { id: 3, name: null, note: 'x' },
    ]);
    expect(
      await p.query('select code, amount::varchar as amount from semicolons order by code'),
    ).toEqual([
      { code: '007', amount: '1.50' },
      { code: '010', amount: '2.00' },
    ]);
    // A reload replaces the rows; --full-refresh recreates the table with the file's new shape.
    p.write({ 'seeds/odd.csv': 'id,name,note\n9,z,\n' });
    expect((await p.run('seed', '-s', 'odd')).code).toBe(0);
    expect(await p.query('select id from odd')).toEqual([{ id: 9 }]);
    p.write({ 'seeds/odd.csv': 'id,label\n5,five\n' });
    expect((await p.run('seed', '-s', 'odd')).code).toBe(1);
    expect(await p.query('select id from odd')).toEqual([{ id: 9 }]);
    expect((await p.run('seed', '-s', 'odd', '--full-refresh')).code).toBe(0);
    expect(await p.query('select * from odd')).toEqual([{ id: 5, label: 'five' }]);
  });
});

describe('tsmodel build on a DuckDB schema named like its file', () => {
  // target/shop.duckdb opens as catalog `shop`: a two-part "shop"."orders" is ambiguous to
  // DuckDB (catalog shop's default schema, or schema shop), so relations must be three-part.
  it('builds seeds, models, tests and stored failures in schema shop of shop.duckdb', async () => {
    const p = testProject({
      'profiles.yml':
        'shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/shop.duckdb\n      schema: shop\n',
      'seeds/orders.csv': 'id,amount\n1,10\n2,-5\n',
      'models/positive.sql':
        "{{ config(materialized='table') }}\nselect * from {{ ref('orders') }} where amount > 0",
      'models/audit.sql':
        "{{ config(schema='audit') }}\nselect count(*) as n from {{ ref('positive') }}",
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: positive\n    columns:\n      - name: id\n        data_tests:\n          - unique:\n              config: {store_failures: true}\n',
    });
    const built = await p.run('build');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(await p.relations('shop')).toEqual(['orders', 'positive']);
    expect(await p.query('select n from shop.shop_audit.audit')).toEqual([{ n: 1 }]);
    expect(readFileSync(join(p.dir, 'target/compiled/shop/models/audit.sql'), 'utf8')).toContain(
      'from "shop"."shop"."positive"',
    );
  });
});

const SHOP = {
  'seeds/orders.csv': 'id,customer_id,amount\n1,1,10\n2,1,-5\n3,2,7\n3,2,7\n',
  'models/stg_orders.sql': "select * from {{ ref('orders') }}",
  'models/revenue.sql':
    "{{ config(materialized='table') }}\nselect customer_id, sum(amount) as total from {{ ref('stg_orders') }} group by 1",
  'models/schema.yml': `version: 2
models:
  - name: stg_orders
    columns:
      - name: id
        tests:
          - not_null
          - unique:
              config:
                severity: warn
          - accepted_values:
              values: [1, 2]
              quote: false
              config:
                store_failures: true
      - name: customer_id
        tests:
          - not_null
          - accepted_values:
              values: [1]
              quote: false
              config:
                warn_if: ">= 1"
                error_if: "> 5"
`,
  'tests/no_negative_amounts.sql': "select * from {{ ref('stg_orders') }} where amount < 0",
};

describe('tsmodel test', () => {
  it('passes, warns and fails by severity, warn_if and error_if; stores failures', async () => {
    const p = testProject(SHOP);
    expect((await p.run('seed')).code).toBe(0);
    expect((await p.run('run')).code).toBe(0);
    const { code, stdout, stderr } = await p.run('test');
    expect(code).toBe(1);
    expect(linesWith(stdout, 'not_null_stg_orders_id')[1]).toMatch(
      /PASS not_null_stg_orders_id \.+ \[PASS in/,
    );
    expect(linesWith(stdout, 'unique_stg_orders_id')[1]).toMatch(
      /WARN 1 unique_stg_orders_id \.+ \[WARN 1 in/,
    );
    expect(linesWith(stdout, 'accepted_values_stg_orders_customer_id')[1]).toContain('WARN 1');
    expect(linesWith(stdout, 'accepted_values_stg_orders_id')[1]).toContain('FAIL 1');
    expect(linesWith(stdout, 'no_negative_amounts')[1]).toContain('FAIL 1');
    expect(stdout).toContain('Done. PASS=2 WARN=2 ERROR=2 SKIP=0 TOTAL=6');
    expect(stderr).toContain('Got 1 result, configured to fail if != 0');
    const audit = await p.relations('main_dbt_test__audit');
    expect(audit).toEqual(['accepted_values_stg_orders_id__False__1__2']);
    expect(await p.query(`select * from main_dbt_test__audit."${audit[0]}"`)).toEqual([
      { value_field: 3, n_records: 2 },
    ]);
  });
});

describe('tsmodel test --store-failures', () => {
  it("keeps every test's failing rows unless it says otherwise; store_failures_as: view", async () => {
    const p = testProject({
      'seeds/orders.csv': 'id,amount\n1,10\n2,-5\n2,-5\n',
      'models/schema.yml': `version: 2
seeds:
  - name: orders
    columns:
      - name: id
        tests:
          - unique
          - not_null:
              config:
                store_failures: false
      - name: amount
        tests:
          - accepted_values:
              values: [10]
              quote: false
              config:
                store_failures_as: view
`,
    });
    expect((await p.run('seed')).code).toBe(0);
    expect((await p.run('test')).code).toBe(1);
    expect(await p.relations('main_dbt_test__audit')).toEqual([
      'accepted_values_orders_amount__False__10',
    ]);
    const r = await p.run('test', '--store-failures');
    expect(r.code).toBe(1);
    expect(await p.relations('main_dbt_test__audit')).toEqual([
      'accepted_values_orders_amount__False__10',
      'unique_orders_id',
    ]);
    const kinds = await p.query(
      "select table_name, table_type from information_schema.tables where table_schema = 'main_dbt_test__audit' order by 1",
    );
    expect(kinds).toEqual([
      { table_name: 'accepted_values_orders_amount__False__10', table_type: 'VIEW' },
      { table_name: 'unique_orders_id', table_type: 'BASE TABLE' },
    ]);
    expect(await p.query('select * from main_dbt_test__audit.unique_orders_id')).toEqual([
      { unique_field: 2, n_records: 2 },
    ]);
  });
});

describe('tsmodel build', () => {
  it('runs seeds, models and tests in DAG order; a failing test skips the children of its model', async () => {
    const p = testProject(SHOP);
    const { code, stdout } = await p.run('build', '--threads', '1');
    expect(code).toBe(1);
    const order = stdout
      .split('\n')
      .filter((l) => l.includes(' START '))
      .map((l) => l.replace(/^\d+ of \d+ START /, '').replace(/ \.+ \[RUN\]$/, ''));
    expect(order[0]).toBe('seed file main.orders');
    expect(order[1]).toBe('sql view model main.stg_orders');
    expect(order).not.toContain('sql table model main.revenue');
    expect(linesWith(stdout, 'main.revenue')).toEqual([
      expect.stringMatching(/SKIP sql table model main\.revenue \.+ \[SKIP\]/),
    ]);
    expect(stdout).toContain('Done. PASS=4 WARN=2 ERROR=2 SKIP=1 TOTAL=9');
  });

  it('a failed model skips its tests and descendants; run_results.json records every node', async () => {
    const p = testProject({
      ...SHOP,
      'models/stg_orders.sql': 'select * from not_there',
      'models/independent.sql': 'select 1 as one',
    });
    const { code, stdout } = await p.run('build');
    expect(code).toBe(1);
    expect(stdout).toContain('Done. PASS=2 WARN=0 ERROR=1 SKIP=7 TOTAL=10');
    const results = JSON.parse(readFileSync(join(p.dir, 'target', 'run_results.json'), 'utf8'));
    expect(results.metadata.dbt_schema_version).toContain('run-results');
    expect(results.args).toMatchObject({ which: 'build', full_refresh: false });
    expect(results.elapsed_time).toBeGreaterThan(0);
    const byId = Object.fromEntries(
      results.results.map((r: { unique_id: string }) => [r.unique_id, r]),
    );
    expect(byId['seed.shop.orders']).toMatchObject({
      status: 'success',
      rows_affected: 4,
      adapter_response: { rows_affected: 4 },
      relation_name: '"shop"."main"."orders"',
    });
    expect(byId['model.shop.stg_orders']).toMatchObject({
      status: 'error',
      compiled_path: expect.stringContaining('stg_orders.sql'),
      message: expect.stringContaining('not_there'),
    });
    expect(byId['model.shop.stg_orders'].timing[0]).toMatchObject({ name: 'execute' });
    expect(byId['model.shop.revenue']).toMatchObject({
      status: 'skipped',
      message: 'skipped because model.shop.stg_orders failed',
    });
    expect(byId['test.shop.no_negative_amounts']).toMatchObject({ status: 'skipped' });
    expect(byId['model.shop.independent']).toMatchObject({ status: 'success' });
  });

  it('runs pre/post hooks and on-run-start/end, rendering refs and this', async () => {
    const p = testProject({
      'project.yml': `name: shop
version: "1.0.0"
profile: shop
on-run-start:
  - "create table if not exists audit (what varchar)"
on-run-end:
  - "insert into audit values ('end')"
`,
      'models/m.sql': `{{ config(materialized='table',
  pre_hook="insert into audit values ('pre ' || '{{ this.identifier }}')",
  post_hook=["insert into audit select 'post ' || count(*) from {{ this }}"]) }}
select 1 as x union all select 2`,
    });
    const { code } = await p.run('run');
    expect(code).toBe(0);
    expect(await p.query('select what from audit')).toEqual([
      { what: 'pre m' },
      { what: 'post 2' },
      { what: 'end' },
    ]);
  });
});
