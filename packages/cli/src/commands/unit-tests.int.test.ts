/**
 * dbt 1.8 unit tests end to end on DuckDB: fixture formats (dict, inline and file CSV, SQL),
 * overrides, incremental models with `this`, ephemeral parents, failures with their row diff,
 * selection, and `build` running a model's unit tests before the model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linesWith, testProject } from './run-fixtures';

const SHOP = {
  'seeds/raw_orders.csv': 'id,customer_id,amount,status\n1,1,10.5,paid\n',
  'seeds/raw_customers.csv': 'id,name\n1,ann\n',
  'models/orders.sql': [
    'select o.id, c.name as customer, o.amount * 2 as doubled',
    "from {{ ref('raw_orders') }} o",
    "join {{ ref('raw_customers') }} c on c.id = o.customer_id",
    "where o.status = 'paid'",
  ].join('\n'),
  'models/big_orders.sql': "select id from {{ ref('orders') }} where doubled > 10",
};

function resultsOf(dir: string): Array<{ unique_id: string; status: string; message: string }> {
  return JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')).results;
}

describe('tsmodel test: unit tests', () => {
  it('runs dict, CSV and SQL fixtures against the typed input relations', async () => {
    const p = testProject({
      ...SHOP,
      'tests/fixtures/paid_customers.csv': 'id, name\n1, ann\n2, bob\n',
      'tests/fixtures/expected_orders.sql':
        "select 1 as id, 'ann' as customer, 3.0 as doubled union all select 2, 'bob', 4.0",
      'models/unit.yml': `unit_tests:
  - name: doubles_paid_orders
    description: only paid orders, amounts doubled
    model: orders
    given:
      - input: ref('raw_orders')
        rows:
          - {id: 1, customer_id: 1, amount: 1.5, status: paid}
          - {id: 2, customer_id: 2, amount: 2, status: paid}
          - {id: 3, customer_id: 2, amount: 9, status: open}
      - input: ref('raw_customers')
        format: csv
        rows: |
          id,name
          1,ann
          2,bob
    expect:
      rows:
        - {id: 1, customer: ann, doubled: 3}
        - {id: 2, customer: bob, doubled: 4}
  - name: from_fixture_files
    model: orders
    given:
      - input: ref('raw_orders')
        format: sql
        rows: |
          select 1 as id, 1 as customer_id, 1.5 as amount, 'paid' as status
          union all select 2, 2, 2, 'paid'
      - input: ref('raw_customers')
        format: csv
        fixture: paid_customers
    expect:
      format: sql
      fixture: expected_orders
  - name: compares_only_expected_columns
    model: orders
    given:
      - input: ref('raw_orders')
        rows: [{id: 7, customer_id: 1, status: paid}]
      - input: ref('raw_customers')
        rows: [{id: 1}]
    expect:
      rows: [{id: 7}]
`,
    });
    expect((await p.run('seed')).code).toBe(0);
    const run = await p.run('test');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(linesWith(run.stdout, 'PASS orders::doubles_paid_orders')).toHaveLength(1);
    expect(linesWith(run.stdout, 'START unit_test orders::from_fixture_files')).toHaveLength(1);
    expect(resultsOf(p.dir).map((r) => [r.unique_id, r.status])).toEqual(
      expect.arrayContaining([
        ['unit_test.shop.orders.doubles_paid_orders', 'pass'],
        ['unit_test.shop.orders.from_fixture_files', 'pass'],
        ['unit_test.shop.orders.compares_only_expected_columns', 'pass'],
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
    expect(output).toContain('1 expected row missing (-), 1 unexpected row returned (+), 1 row as expected');
    const [result] = resultsOf(p.dir);
    expect(result).toMatchObject({ unique_id: 'unit_test.shop.orders.wrong_total', status: 'fail' });
    expect(result!.message).toContain('- | 2  | 11');
  });
});
