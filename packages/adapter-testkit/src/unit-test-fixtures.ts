/**
 * The one source of dbt 1.8 unit test fixtures: a shop project (seeds, models, fixture files)
 * and named `unit_tests:` entries in every form — dict, inline and file CSV, SQL, overrides,
 * an incremental model with `this`, an ephemeral parent — some passing, one failing, one
 * refused. DuckDB's integration tests pick entries by name for each scenario
 * ({@link unitTestFiles}); every engine runs them all ({@link UNIT_TEST_FILES}).
 * Schema-agnostic: the tests name nothing but refs. Unit tests type their rows like the input
 * relations, so engines build the models empty (`run --empty`) before `test`, as dbt asks.
 */

/** The seeds, the models and the `fixture:` files the entries read. */
export const UNIT_TEST_PROJECT: Record<string, string> = {
  'seeds/raw_orders.csv': 'id,customer_id,amount,status\n1,1,10.5,paid\n2,1,3,open\n',
  'seeds/raw_customers.csv': 'id,name\n1,ann\n',
  'tests/fixtures/customers.csv': 'id, name\n1, ann\n2, bob\n',
  'tests/fixtures/expected_orders.sql':
    "select 1 as id, 'ann' as customer, 3.0 as doubled union all select 2, 'bob', 4.0",
  'macros/fx.sql': '{% macro fx_rate() %}1{% endmacro %}',
  // No alias right after a ref: `--empty` puts a named subquery there on PostgreSQL < 16.
  'models/orders.sql': [
    "with o as (select * from {{ ref('raw_orders') }}),",
    "c as (select * from {{ ref('raw_customers') }})",
    'select o.id, c.name as customer, o.amount * 2 as doubled',
    "from o join c on c.id = o.customer_id where o.status = 'paid'",
  ].join('\n'),
  'models/big_orders.sql': "select id from {{ ref('orders') }} where doubled > 10",
  'models/priced.sql': [
    "select id, amount * {{ fx_rate() }} as converted, '{{ var('region', 'eu') }}' as region,",
    "  '{{ env_var('SHOP_ENV', 'dev') }}' as env, {{ dbt.current_timestamp() }} as at",
    "from {{ ref('raw_orders') }}",
  ].join('\n'),
  'models/events.sql': [
    "{{ config(materialized='incremental', unique_key='id') }}",
    "select id, amount from {{ ref('raw_orders') }}",
    '{% if is_incremental() %}',
    'where id > (select max(id) from {{ this }})',
    '{% endif %}',
  ].join('\n'),
  'models/paid.sql':
    "{{ config(materialized='ephemeral') }}\nselect * from {{ ref('raw_orders') }} where status = 'paid'",
  'models/paid_total.sql': "select sum(amount) as total from {{ ref('paid') }}",
};

/** `unit_tests:` entries by name (each a YAML list item), and how each ends on every engine. */
export const UNIT_TESTS = {
  doubles_paid: {
    model: 'orders',
    status: 'pass',
    yaml: `  - name: doubles_paid
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
`,
  },
  from_files: {
    model: 'orders',
    status: 'pass',
    yaml: `  - name: from_files
    model: orders
    given:
      - input: ref('raw_orders')
        format: sql
        rows: |
          select 1 as id, 1 as customer_id, 1.5 as amount, 'paid' as status
          union all select 2, 2, 2, 'paid'
      - input: ref('raw_customers')
        format: csv
        fixture: customers
    expect:
      format: sql
      fixture: expected_orders
`,
  },
  only_expected_columns: {
    model: 'orders',
    status: 'pass',
    yaml: `  - name: only_expected_columns
    model: orders
    given:
      - input: ref('raw_orders')
        rows: [{id: 7, customer_id: 1, status: paid}]
      - input: ref('raw_customers')
        rows: [{id: 1}]
    expect:
      rows: [{id: 7}]
`,
  },
  converts: {
    model: 'priced',
    status: 'pass',
    yaml: `  - name: converts
    model: priced
    overrides:
      macros:
        fx_rate: 3
        current_timestamp: "cast('2024-01-02 03:04:05' as timestamp)"
      vars: {region: us}
      env_vars: {SHOP_ENV: prod}
    given:
      - input: ref('raw_orders')
        rows: [{id: 1, amount: 2}]
    expect:
      rows: [{id: 1, converted: 6, region: us, env: prod, at: '2024-01-02 03:04:05'}]
`,
  },
  only_new_rows: {
    model: 'events',
    status: 'pass',
    yaml: `  - name: only_new_rows
    model: events
    overrides:
      macros: {is_incremental: true}
    given:
      - input: ref('raw_orders')
        rows: [{id: 1, amount: 1}, {id: 2, amount: 2}, {id: 3, amount: 3}]
      - input: this
        rows: [{id: 2}]
    expect:
      rows: [{id: 3, amount: 3}]
`,
  },
  full_build: {
    model: 'events',
    status: 'pass',
    yaml: `  - name: full_build
    model: events
    overrides:
      macros: {is_incremental: false}
    given:
      - input: ref('raw_orders')
        rows: [{id: 1, amount: 1}]
    expect:
      rows: [{id: 1, amount: 1}]
`,
  },
  sums_paid: {
    model: 'paid_total',
    status: 'pass',
    yaml: `  - name: sums_paid
    model: paid_total
    given:
      - input: ref('paid')
        format: sql
        rows: select 1.5 as amount union all select 2.5
    expect:
      rows: [{total: 4}]
`,
  },
  /** An ephemeral parent given as dict rows: refused when it runs (it has no relation to type them). */
  ephemeral_dict_rows: {
    model: 'paid_total',
    status: 'error',
    yaml: `  - name: ephemeral_dict_rows
    model: paid_total
    given:
      - input: ref('paid')
        rows: [{amount: 1}]
    expect:
      rows: [{total: 1}]
`,
  },
  wrong_total: {
    model: 'big_orders',
    status: 'fail',
    yaml: `  - name: wrong_total
    model: big_orders
    given:
      - input: ref('orders')
        rows: [{id: 1, doubled: 20}, {id: 2, doubled: 5}]
    expect:
      rows: [{id: 1}, {id: 2}]
`,
  },
} as const;

export type UnitTestName = keyof typeof UNIT_TESTS;

/** A `unit_tests:` file of the named entries, in that order. */
export function unitTestsYaml(names: readonly UnitTestName[]): string {
  return `unit_tests:\n${names.map((n) => UNIT_TESTS[n].yaml).join('')}`;
}

/** The project with the named entries (all of them by default) in `models/unit.yml`. */
export function unitTestFiles(
  names: readonly UnitTestName[] = Object.keys(UNIT_TESTS) as UnitTestName[],
): Record<string, string> {
  return { ...UNIT_TEST_PROJECT, 'models/unit.yml': unitTestsYaml(names) };
}

/** The project with every entry, run on each engine. */
export const UNIT_TEST_FILES: Record<string, string> = unitTestFiles();

/** How each unit test of {@link UNIT_TEST_FILES} ends, by unique id. */
export const UNIT_TEST_STATUSES: Record<string, string> = Object.fromEntries(
  Object.entries(UNIT_TESTS).map(([name, t]) => [`unit_test.shop.${t.model}.${name}`, t.status]),
);

/** `wrong_total`'s message: the differing rows. */
export const UNIT_TEST_DIFF = [
  '  | id',
  '--+---',
  '- | 2',
  '1 expected row missing (-), 0 unexpected rows returned (+), 1 row as expected',
].join('\n');
