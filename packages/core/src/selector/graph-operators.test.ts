import { describe, expect, it } from 'vitest';
import { sampleProject, selectNames } from './test-project';

const project = sampleProject();
const pick = (spec: string | string[]) => selectNames(project, spec);

describe('graph operators', () => {
  it('+m adds every ancestor, m+ every descendant (through ephemeral models)', () => {
    expect(pick('+orders')).toEqual([
      'country_codes',
      'int_orders',
      'orders',
      'raw.customers',
      'raw.orders',
      'stg_customers',
      'stg_orders',
    ]);
    expect(pick('stg_orders+')).toEqual([
      'assert_positive_total',
      'int_orders',
      'not_null_stg_orders_id',
      'order_summary',
      'orders',
      'orders_snapshot',
      'relationships_orders_customers_customer_id',
      'stg_orders',
      'unique_orders_order_id',
    ]);
  });

  it('n+m and m+n limit the depth', () => {
    // The bare name `orders` matches the model only, never the source table raw.orders (as dbt).
    expect(pick('1+orders')).toEqual(['country_codes', 'int_orders', 'orders', 'stg_customers']);
    expect(pick('1+marts.orders')).toEqual([
      'country_codes',
      'int_orders',
      'orders',
      'stg_customers',
    ]);
    expect(pick('2+marts.orders')).toEqual([
      'country_codes',
      'int_orders',
      'orders',
      'raw.customers',
      'stg_customers',
      'stg_orders',
    ]);
    expect(pick('stg_orders+1')).toEqual([
      'int_orders',
      'not_null_stg_orders_id',
      'orders_snapshot',
      'stg_orders',
    ]);
    expect(pick('0+marts.orders')).toEqual(['orders']);
  });

  it('+m+ goes both ways', () => {
    expect(pick('+int_orders+')).toEqual([
      'assert_positive_total',
      'int_orders',
      'order_summary',
      'orders',
      'raw.orders',
      'relationships_orders_customers_customer_id',
      'stg_orders',
      'unique_orders_order_id',
    ]);
  });

  it('@m adds descendants and every ancestor of them, including m’s own ancestors', () => {
    const at = pick('@customers');
    expect(at).toEqual(
      [
        'country_codes',
        'customers',
        'int_orders',
        'order_summary',
        'orders',
        'raw.customers',
        'raw.orders',
        'relationships_orders_customers_customer_id',
        'stg_customers',
        'stg_orders',
      ].sort(),
    );
    expect(at).toEqual(expect.arrayContaining(pick('+customers+')));
    expect(at).toContain('raw.customers');
  });

  it('combines with any method', () => {
    expect(pick('tag:reference+1')).toEqual(['country_codes', 'orders']);
    expect(pick('+source:segment.tracks+')).toEqual(['segment.tracks', 'segment_sessions']);
  });

  it('comma intersects after each side is expanded: +a,b+', () => {
    expect(pick('+orders,stg_orders+')).toEqual(['int_orders', 'orders', 'stg_orders']);
    expect(pick('+order_summary,tag:nightly')).toEqual(['orders', 'stg_orders']);
  });

  it('space (and separate values) union', () => {
    expect(pick('stg_top country_codes')).toEqual(['country_codes', 'stg_top']);
    expect(pick(['stg_top', 'country_codes'])).toEqual(['country_codes', 'stg_top']);
  });
});
