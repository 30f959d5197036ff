import { describe, expect, it } from 'vitest';
import { parsePropertiesFile } from './parse-properties-file';

const parse = (text: string) =>
  parsePropertiesFile({
    packageName: 'shop',
    rootDir: 'models',
    path: 'models/marts/schema.yml',
    text,
  });
const only = (text: string) => {
  const parsed = parse(text);
  expect(parsed.problems.map((p) => p.format())).toEqual([]);
  return parsed.tests;
};

describe('generic tests from YAML', () => {
  it('column tests as strings, in tests and data_tests', () => {
    const tests = only(`
models:
  - name: orders
    columns:
      - name: id
        data_tests: [unique]
        tests: [not_null]
`);
    expect(tests.map((t) => t.name)).toEqual(['unique_orders_id', 'not_null_orders_id']);
    expect(tests[0]).toMatchObject({
      package_name: 'shop',
      path: 'models/marts/schema.yml',
      fqn: ['shop', 'marts', 'unique_orders_id'],
      location: { file: 'models/marts/schema.yml', line: 6, column: 22 },
      attached: { kind: 'model', name: 'orders' },
      column_name: 'id',
      config: {},
      test_metadata: {
        name: 'unique',
        kwargs: { column_name: 'id', model: "{{ get_where_subquery(ref('orders')) }}" },
      },
      raw_code: "{{ test_unique(model=ref('orders'), column_name='id') }}",
    });
  });

  it('mapping with arguments and legacy config keys beside them', () => {
    const [test] = only(`
models:
  - name: orders
    columns:
      - name: status
        tests:
          - accepted_values:
              values: [placed, "it's"]
              quote: true
              severity: warn
`);
    expect(test!.name).toBe('accepted_values_orders_status__True__placed__it_s');
    expect(test!.config).toEqual({ severity: 'warn' });
    expect(test!.raw_code).toBe(
      "{{ test_accepted_values(model=ref('orders'), column_name='status', values=['placed', 'it\\'s'], quote=true) }}",
    );
  });

  it('dbt 1.10 arguments/config form and test_name form with a custom name', () => {
    const tests = only(`
seeds:
  - name: codes
    columns:
      - name: code
        tests:
          - accepted_values:
              arguments: { values: [1, 2], quote: false }
              config: { where: "code > 0", limit: 10, error_if: ">5", warn_if: ">0", store_failures: true, tags: [t1] }
          - test_name: not_null
            name: codes_have_code
            config: { enabled: false, meta: { owner: me } }
`);
    expect(tests[0]!.attached).toEqual({ kind: 'seed', name: 'codes' });
    expect(tests[0]!.name).toBe('accepted_values_codes_code__False__1__2');
    expect(tests[0]!.config).toEqual({
      where: 'code > 0',
      limit: 10,
      error_if: '>5',
      warn_if: '>0',
      store_failures: true,
      tags: ['t1'],
    });
    expect(tests[0]!.raw_code).toBe(
      "{{ test_accepted_values(model=('(select * from ' ~ ref('codes') ~ ' where ' ~ 'code > 0' ~ ') dbt_subquery'), column_name='code', values=[1, 2], quote=false) }}",
    );
    expect(tests[1]!.name).toBe('codes_have_code');
    expect(tests[1]!.unique_id).toMatch(/^test\.shop\.codes_have_code\.[0-9a-f]{10}$/);
    expect(tests[1]!.config).toEqual({ enabled: false, meta: { owner: 'me' } });
    expect(tests[1]!.raw_code).toBe("{{ test_not_null(model=ref('codes'), column_name='code') }}");
  });

  it('relationships: ref() and source() strings become expressions, as in dbt', () => {
    const [toRef, toSource] = only(`
models:
  - name: orders
    columns:
      - name: customer_id
        tests:
          - relationships: { to: ref('customers'), field: id }
          - relationships: { to: "source('raw', 'customers')", field: id }
`);
    expect(toRef!.name).toBe('relationships_orders_customer_id__id__ref_customers_');
    expect(toRef!.raw_code).toBe(
      "{{ test_relationships(model=ref('orders'), column_name='customer_id', to=(ref('customers')), field='id') }}",
    );
    expect(toSource!.name).toBe('relationships_orders_customer_id__id__source_raw_customers_');
    expect(toSource!.raw_code).toContain("to=(source('raw', 'customers'))");
  });

  it('strings with {{ }} are evaluated, including in where', () => {
    const [test] = only(`
models:
  - name: events
    tests:
      - expect_recent:
          after: "{{ var('start') }}-01"
          where: "day >= '{{ var('start') }}'"
`);
    expect(test!.column_name).toBeUndefined();
    expect(test!.name).toBe('expect_recent_events__var_start_01');
    expect(test!.raw_code).toBe(
      "{{ test_expect_recent(model=('(select * from ' ~ ref('events') ~ ' where ' ~ ('day >= \\'' ~ (var('start')) ~ '\\'') ~ ') dbt_subquery'), after=((var('start')) ~ '-01')) }}",
    );
  });

  it('table-level and namespaced tests', () => {
    const [test] = only(`
models:
  - name: orders
    tests:
      - dbt_utils.expression_is_true:
          expression: "amount >= 0"
`);
    expect(test!.name).toBe('dbt_utils_expression_is_true_orders_amount_0');
    expect(test!.test_metadata).toEqual({
      name: 'expression_is_true',
      namespace: 'dbt_utils',
      kwargs: { expression: 'amount >= 0', model: "{{ get_where_subquery(ref('orders')) }}" },
    });
    expect(test!.raw_code).toBe(
      "{{ dbt_utils.test_expression_is_true(model=ref('orders'), expression='amount >= 0') }}",
    );
  });

  it('source table and column tests use source() and inherit source and column tags', () => {
    const tests = only(`
sources:
  - name: raw
    tags: [ingest]
    tables:
      - name: orders
        tags: [orders]
        tests: [dbt_utils.recency]
        columns:
          - name: Id
            quote: true
            tags: [pk]
            tests: [{ unique: { tags: [nightly] } }]
`);
    expect(tests.map((t) => t.name)).toEqual([
      'dbt_utils_source_recency_raw_orders_',
      'source_unique_raw_orders__Id_',
    ]);
    expect(tests[1]).toMatchObject({
      attached: { kind: 'source', name: 'orders', sourceName: 'raw' },
      column_name: '"Id"',
      config: { tags: ['ingest', 'orders', 'pk', 'nightly'] },
      raw_code: `{{ test_unique(model=source('raw', 'orders'), column_name='"Id"') }}`,
      test_metadata: { kwargs: { model: "{{ get_where_subquery(source('raw', 'orders')) }}" } },
    });
    expect(tests[0]!.config).toEqual({ tags: ['ingest', 'orders'] });
  });

  it('snapshot tests and long names shortened into an alias', () => {
    const [test] = only(`
snapshots:
  - name: orders_snapshot
    columns:
      - name: a_rather_long_column_name
        tests:
          - accepted_values: { values: [first_value, second_value, third_value] }
`);
    expect(test!.attached).toEqual({ kind: 'snapshot', name: 'orders_snapshot' });
    expect(test!.name).toBe(
      'accepted_values_orders_snapshot_a_rather_long_column_name__first_value__second_value__third_value',
    );
    expect(test!.config.alias).toMatch(/^accepted_values_orders_snapsho_[0-9a-f]{32}$/);
  });

  it('a null argument body is the same as no arguments', () => {
    const [test] = only(
      'models: [{ name: m, columns: [{ name: c, tests: [{ not_null: null }] }] }]',
    );
    expect(test!.name).toBe('not_null_m_c');
  });
});
