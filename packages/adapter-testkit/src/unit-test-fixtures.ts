/**
 * A project with dbt 1.8 unit tests in every form — dict, inline and file CSV, SQL, overrides,
 * an incremental model with `this`, an ephemeral parent — and one that fails, run on every
 * engine. Schema-agnostic: the tests name nothing but refs. Unit tests type their rows like the
 * input relations, so engines build the models empty (`run --empty`) before `test`, as dbt asks.
 */
const UNIT_TESTS = `unit_tests:
  - name: doubles_paid
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
  - name: from_files
    model: orders
    given:
      - input: ref('raw_orders')
        format: sql
        rows: |
          select 1 as id, 1 as customer_id, 1.5 as amount, 'paid' as status
      - input: ref('raw_customers')
        format: csv
        fixture: customers
    expect:
      format: sql
      fixture: expected_orders
  - name: converts
    model: priced
    overrides:
      macros: {fx_rate: 3}
      vars: {region: us}
      env_vars: {SHOP_ENV: prod}
    given:
      - input: ref('raw_orders')
        rows: [{id: 1, amount: 2}]
    expect:
      rows: [{id: 1, converted: 6, region: us, env: prod}]
  - name: only_new_rows
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
  - name: sums_paid
    model: paid_total
    given:
      - input: ref('paid')
        format: sql
        rows: select 1.5 as amount union all select 2.5
    expect:
      rows: [{total: 4}]
  - name: wrong_total
    model: big_orders
    given:
      - input: ref('orders')
        rows: [{id: 1, doubled: 20}, {id: 2, doubled: 5}]
    expect:
      rows: [{id: 1}, {id: 2}]
`;

export const UNIT_TEST_FILES: Record<string, string> = {
  'seeds/raw_orders.csv': 'id,customer_id,amount,status\n1,1,10.5,paid\n2,1,3,open\n',
  'seeds/raw_customers.csv': 'id,name\n1,ann\n',
  'tests/fixtures/customers.csv': 'id, name\n1, ann\n',
  'tests/fixtures/expected_orders.sql': "select 1 as id, 'ann' as customer, 3.0 as doubled",
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
    "  '{{ env_var('SHOP_ENV', 'dev') }}' as env",
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
  'models/unit.yml': UNIT_TESTS,
};

/** How each unit test of {@link UNIT_TEST_FILES} ends. */
export const UNIT_TEST_STATUSES: Record<string, string> = {
  'unit_test.shop.orders.doubles_paid': 'pass',
  'unit_test.shop.orders.from_files': 'pass',
  'unit_test.shop.priced.converts': 'pass',
  'unit_test.shop.events.only_new_rows': 'pass',
  'unit_test.shop.paid_total.sums_paid': 'pass',
  'unit_test.shop.big_orders.wrong_total': 'fail',
};

/** The failing test's message: the differing rows. */
export const UNIT_TEST_DIFF = [
  '  | id',
  '--+---',
  '- | 2',
  '1 expected row missing (-), 0 unexpected rows returned (+), 1 row as expected',
].join('\n');
