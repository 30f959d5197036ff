/**
 * dbt 1.8 unit tests end to end on DuckDB: fixture formats (dict, inline and file CSV, SQL),
 * overrides, incremental models with `this`, ephemeral parents, failures with their row diff,
 * selection, and `build` running a model's unit tests before the model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  UNIT_TEST_DIFF,
  UNIT_TEST_FILES,
  UNIT_TEST_PROJECT,
  UNIT_TEST_STATUSES,
  unitTestFiles,
  unitTestsYaml,
} from '@tsmodel/adapter-testkit';
import { linesWith, testProject } from './run-fixtures';

/** The shared shop project (seeds, models, fixture files) with `models/unit.yml` as given. */
const SHOP = UNIT_TEST_PROJECT;

function resultsOf(dir: string): Array<{ unique_id: string; status: string; message: string }> {
  return JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')).results;
}

describe('tsmodel test: unit tests', () => {
  it('runs dict, CSV and SQL fixtures against the typed input relations', async () => {
    const p = testProject(unitTestFiles(['doubles_paid', 'from_files', 'only_expected_columns']));
    expect((await p.run('seed')).code).toBe(0);
    const run = await p.run('test');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(linesWith(run.stdout, 'PASS orders::doubles_paid')).toHaveLength(1);
    expect(linesWith(run.stdout, 'START unit_test orders::from_files')).toHaveLength(1);
    expect(resultsOf(p.dir).map((r) => [r.unique_id, r.status])).toEqual(
      expect.arrayContaining([
        ['unit_test.shop.orders.doubles_paid', 'pass'],
        ['unit_test.shop.orders.from_files', 'pass'],
        ['unit_test.shop.orders.only_expected_columns', 'pass'],
      ]),
    );
    // Unit tests build nothing: only their scratch tables came and went.
    expect(await p.relations()).toEqual(['raw_customers', 'raw_orders']);
  });

  it('a failing unit test prints the rows that differ and exits 1', async () => {
    const p = testProject({
      ...SHOP,
      'models/unit.yml': `unit_tests:
  - name: wrong_total
    model: orders
    given:
      - input: ref('raw_orders')
        rows:
          - {id: 1, customer_id: 1, amount: 1, status: paid}
          - {id: 2, customer_id: 1, amount: 5, status: paid}
      - input: ref('raw_customers')
        rows: [{id: 1, name: ann}]
    expect:
      rows:
        - {id: 1, doubled: 2}
        - {id: 2, doubled: 11}
`,
    });
    expect((await p.run('seed')).code).toBe(0);
    const run = await p.run('test', '--select', 'test_type:unit');
    expect(run.code).toBe(1);
    expect(linesWith(run.stdout, 'FAIL 1 orders::wrong_total')).toHaveLength(1);
    const output = run.stdout + run.stderr;
    expect(output).toContain('actual differs from expected:');
    expect(output).toContain(
      ['  | id | doubled', '--+----+--------', '- | 2  | 11', '+ | 2  | 10'].join('\n'),
    );
    expect(output).toContain(
      '1 expected row missing (-), 1 unexpected row returned (+), 1 row as expected',
    );
    const [result] = resultsOf(p.dir);
    expect(result).toMatchObject({
      unique_id: 'unit_test.shop.orders.wrong_total',
      status: 'fail',
    });
    expect(result!.message).toContain('- | 2  | 11');
  });

  it('overrides vars, env vars and macros for the model render', async () => {
    const p = testProject(unitTestFiles(['converts']));
    expect((await p.run('seed')).code).toBe(0);
    const run = await p.run('test', '--select', 'priced');
    expect(run.stdout + run.stderr).toContain('PASS priced::converts');
    expect(run.code).toBe(0);
  });

  it('renders an introspective model at run time, its refs on the fixtures', async () => {
    const p = testProject({
      ...SHOP,
      'models/counted.sql': [
        "{% set n = run_query('select 40 + 2 as n') %}",
        "select id, {{ n.columns[0].values()[0] if execute else 0 }} as answer from {{ ref('raw_orders') }}",
      ].join('\n'),
      'models/unit.yml': `unit_tests:
  - name: asks_the_warehouse
    model: counted
    given:
      - input: ref('raw_orders')
        rows: [{id: 5}]
    expect:
      rows: [{id: 5, answer: 42}]
`,
    });
    expect((await p.run('seed')).code).toBe(0);
    const run = await p.run('test', '--select', 'counted');
    expect(run.stdout + run.stderr).toContain('PASS counted::asks_the_warehouse');
    expect(run.code).toBe(0);
  });

  it('tests an incremental model with a this fixture and is_incremental overridden', async () => {
    const p = testProject(unitTestFiles(['only_new_rows', 'full_build']));
    expect((await p.run('seed')).code).toBe(0);
    // A this fixture is typed like the model's table: it must exist, as in dbt.
    const before = await p.run('test', '--select', 'events');
    expect(before.code).toBe(1);
    expect(before.stdout + before.stderr).toContain(
      'input this has no relation "shop"."main"."events" to read its column types from',
    );
    expect(before.stdout + before.stderr).toContain('tsmodel run --select events --empty');
    expect(linesWith(before.stdout, 'PASS events::full_build')).toHaveLength(1);
    expect((await p.run('run', '--select', 'events', '--empty')).code).toBe(0);
    const run = await p.run('test', '--select', 'events');
    expect(run.stdout + run.stderr).toContain('PASS events::only_new_rows');
    expect(run.code).toBe(0);
  });

  it('an ephemeral parent is given with format: sql like any input', async () => {
    const names = ['sums_paid', 'ephemeral_dict_rows'] as const;
    const p = testProject(unitTestFiles(names));
    const run = await p.run('test');
    expect(run.code).toBe(1);
    expect(linesWith(run.stdout, 'PASS paid_total::sums_paid')).toHaveLength(1);
    const line = unitTestsYaml(names).split('\n').indexOf('  - name: ephemeral_dict_rows') + 1;
    expect(run.stdout + run.stderr).toContain(
      `unit test 'ephemeral_dict_rows' of model 'paid_total' (models/unit.yml:${line}): input ref('paid') is an ephemeral model`,
    );
  });

  it('names what is missing or wrong: an input not given, a column the relation lacks, a parent not built', async () => {
    const p = testProject({
      ...SHOP,
      'models/unit.yml': `unit_tests:
  - name: no_customers
    model: orders
    given:
      - input: ref('raw_orders')
        rows: [{id: 1}]
    expect:
      rows: []
  - name: bad_column
    model: orders
    given:
      - input: ref('raw_orders')
        rows: [{id: 1, amount_typo: 2}]
      - input: ref('raw_customers')
        rows: []
    expect:
      rows: []
  - name: bad_expected_column
    model: orders
    given:
      - input: ref('raw_orders')
        rows: []
      - input: ref('raw_customers')
        rows: []
    expect:
      rows: [{total: 1}]
`,
    });
    const unbuilt = await p.run('test');
    expect(unbuilt.code).toBe(1);
    expect(unbuilt.stdout + unbuilt.stderr).toContain(
      'input ref(\'raw_orders\') has no relation "shop"."main"."raw_orders" to read its column types from',
    );
    expect(unbuilt.stdout + unbuilt.stderr).toContain(
      'tsmodel build --select +orders --exclude orders --empty',
    );
    expect(
      (await p.run('build', '--select', '+orders', '--exclude', 'orders', '--empty')).code,
    ).toBe(0);
    const run = await p.run('test');
    const out = run.stdout + run.stderr;
    expect(run.code).toBe(1);
    expect(out).toContain(
      "unit test 'no_customers' of model 'orders' (models/unit.yml:2): unit test 'no_customers' gives no input for ref('raw_customers')",
    );
    expect(out).toContain(
      "Invalid column name: 'amount_typo' in unit test fixture for 'raw_orders'. Accepted columns for 'raw_orders' are: [id, customer_id, amount, status]",
    );
    expect(out).toContain(
      "Invalid column name: 'total' in unit test fixture for expected output. Accepted columns for expected output are: [id, customer, doubled]",
    );
  });

  it('a model is not found, or an input is not a ref: a compile error at the entry', async () => {
    const p = testProject({
      ...SHOP,
      'models/unit.yml': `unit_tests:
  - name: typo
    model: ordrs
    given: []
    expect: {rows: []}
  - name: bad_input
    model: orders
    given:
      - input: "{{ ref('raw_orders') }}"
    expect: {rows: []}
`,
    });
    const run = await p.run('compile');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "models/unit.yml:2:5 unit test 'typo' tests model 'ordrs', which does not exist in package 'shop'",
    );
    expect(run.stderr).toContain(
      "models/unit.yml:6:5 unit test 'bad_input' has an input '{{ ref('raw_orders') }}' that is not a ref, a source or this",
    );
  });

  it('selects unit tests by name, model, test_type and resource_type', async () => {
    const p = testProject({
      ...SHOP,
      'models/schema.yml': `models:
  - name: orders
    columns:
      - name: id
        data_tests: [not_null]
unit_tests:
  - name: keeps_paid
    model: orders
    given:
      - input: ref('raw_orders')
        rows: [{id: 1, customer_id: 1, status: paid}]
      - input: ref('raw_customers')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
`,
    });
    expect((await p.run('build', '--exclude', 'test_type:unit')).code).toBe(0);
    const ran = async (...select: string[]) => {
      const run = await p.run('test', '--select', ...select);
      expect(run.code).toBe(0);
      return resultsOf(p.dir)
        .map((r) => r.unique_id)
        .sort();
    };
    const unit = 'unit_test.shop.orders.keeps_paid';
    const [data, both] = await ran('orders');
    expect(data).toMatch(/^test\.shop\.not_null_orders_id\./);
    expect(both).toBe(unit);
    expect(await ran('keeps_paid')).toEqual([unit]);
    expect(await ran('test_type:unit')).toEqual([unit]);
    expect(await ran('resource_type:unit_test')).toEqual([unit]);
    expect(await ran('unit_test:keeps_*')).toEqual([unit]);
    expect(await ran('test_type:data')).toEqual([data]);
  });
});

describe('tsmodel build: unit tests', () => {
  const project = (expected: number) => ({
    ...SHOP,
    'models/unit.yml': `unit_tests:
  - name: doubles
    model: orders
    given:
      - input: ref('raw_orders')
        rows: [{id: 1, customer_id: 1, amount: 2, status: paid}]
      - input: ref('raw_customers')
        rows: [{id: 1, name: ann}]
    expect:
      rows: [{id: 1, doubled: ${expected}}]
`,
  });

  it("runs a model's unit tests after its parents and before the model", async () => {
    const p = testProject(project(4));
    const run = await p.run('build');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const order = resultsOf(p.dir).map((r) => r.unique_id);
    const at = (id: string) => order.indexOf(id);
    expect(at('seed.shop.raw_orders')).toBeLessThan(at('unit_test.shop.orders.doubles'));
    expect(at('unit_test.shop.orders.doubles')).toBeLessThan(at('model.shop.orders'));
    expect(await p.relations()).toEqual([
      'big_orders',
      'events',
      'orders',
      'paid_total',
      'priced',
      'raw_customers',
      'raw_orders',
    ]);
  });

  it('a failing unit test skips its model and everything downstream', async () => {
    const p = testProject(project(5));
    const run = await p.run('build');
    expect(run.code).toBe(1);
    const status = Object.fromEntries(resultsOf(p.dir).map((r) => [r.unique_id, r.status]));
    expect(status).toMatchObject({
      'seed.shop.raw_orders': 'success',
      'unit_test.shop.orders.doubles': 'fail',
      'model.shop.orders': 'skipped',
      'model.shop.big_orders': 'skipped',
    });
    // Only orders' branch is skipped: the models that do not read it are built.
    expect(await p.relations()).toEqual([
      'events',
      'paid_total',
      'priced',
      'raw_customers',
      'raw_orders',
    ]);
  });
});

describe('the shared unit test project (run on PostgreSQL too)', () => {
  it('passes and fails the same tests, with the same difference', async () => {
    const p = testProject(UNIT_TEST_FILES);
    expect((await p.run('seed')).code).toBe(0);
    expect((await p.run('run', '--empty')).code).toBe(0);
    const run = await p.run('test');
    expect(run.code).toBe(1);
    expect(Object.fromEntries(resultsOf(p.dir).map((r) => [r.unique_id, r.status]))).toEqual(
      UNIT_TEST_STATUSES,
    );
    expect(run.stdout + run.stderr).toContain(UNIT_TEST_DIFF);
  });
});
