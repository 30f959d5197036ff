import { describe, expect, it } from 'vitest';
import { parsePropertiesFile } from './parse-properties-file';
import { synthesizeTestNames } from './test-naming';

/** jaffle_shop's models/schema.yml; the expected unique_ids are the ones dbt writes to its manifest. */
const JAFFLE = `
version: 2
models:
  - name: customers
    columns:
      - name: customer_id
        tests: [unique, not_null]
  - name: orders
    columns:
      - name: customer_id
        tests:
          - relationships:
              to: ref('customers')
              field: customer_id
      - name: status
        tests:
          - accepted_values:
              values: ['placed', 'shipped', 'completed', 'return_pending', 'returned']
`;

describe('generic test names and unique_ids', () => {
  it('are the ones dbt computes for jaffle_shop', () => {
    const parsed = parsePropertiesFile({
      packageName: 'jaffle_shop',
      rootDir: 'models',
      path: 'models/schema.yml',
      text: JAFFLE,
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.tests.map((t) => t.unique_id)).toEqual([
      'test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1',
      'test.jaffle_shop.not_null_customers_customer_id.5c9bf9911d',
      'test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_customers_.c6ec7f58f2',
      'test.jaffle_shop.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3',
    ]);
    const accepted = parsed.tests[3]!;
    expect(accepted.name).toBe(
      'accepted_values_orders_status__placed__shipped__completed__return_pending__returned',
    );
    expect(accepted.config.alias).toBe('accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758');
    expect(accepted.fqn).toEqual(['jaffle_shop', accepted.name]);
    expect(parsed.tests[0]!.config.alias).toBeUndefined();
  });

  it('flatten mapping and list arguments, booleans as Python prints them', () => {
    expect(
      synthesizeTestNames('accepted_values', 'orders', {
        column_name: 'status',
        values: ['a', 'b c'],
        quote: false,
      }).full,
    ).toBe('accepted_values_orders_status__False__a__b_c');
    expect(synthesizeTestNames('x', 'm', { column_name: 'c', opts: { k: 1, j: 'v-w' } }).full).toBe(
      'x_m_c__1__v_w',
    );
    expect(
      synthesizeTestNames('unique', 'orders', { model: 'ignored', column_name: 'id' }).full,
    ).toBe('unique_orders_id');
  });

  it('stay stable across parses and change with the arguments', () => {
    const parse = (text: string) =>
      parsePropertiesFile({ packageName: 'p', rootDir: 'models', path: 'models/a.yml', text })
        .tests;
    const a = parse('models: [{ name: m, columns: [{ name: c, tests: [unique] }] }]');
    const b = parse('models: [{ name: m, columns: [{ name: c, tests: [unique] }] }]');
    const c = parse('models: [{ name: m, columns: [{ name: d, tests: [unique] }] }]');
    expect(a[0]!.unique_id).toBe(b[0]!.unique_id);
    expect(c[0]!.unique_id).not.toBe(a[0]!.unique_id);
  });
});
