import { describe, expect, it } from 'vitest';
import { ManifestBuilder } from './test-fixtures';
import { sampleProject, selectNames } from './test-project';

/** a ─► b, a test on b alone, a relationships test on b and a, a test on c (unrelated). */
const small = new ManifestBuilder()
  .model('a')
  .model('b', { refs: ['a'] })
  .model('c')
  .genericTest('unique', { refs: ['b'], column: 'id' })
  .genericTest('relationships', { refs: ['b', 'a'], column: 'a_id' })
  .genericTest('unique', { refs: ['c'], column: 'id' })
  .build();

describe('indirect test selection', () => {
  it('eager: a test joins when any parent is selected', () => {
    expect(selectNames(small, 'b', { indirectSelection: 'eager' })).toEqual([
      'b',
      'relationships_b_a_a_id',
      'unique_b_id',
    ]);
  });

  it('cautious: only when every parent is selected', () => {
    expect(selectNames(small, 'b', { indirectSelection: 'cautious' })).toEqual([
      'b',
      'unique_b_id',
    ]);
    expect(selectNames(small, 'a b', { indirectSelection: 'cautious' })).toEqual([
      'a',
      'b',
      'relationships_b_a_a_id',
      'unique_b_id',
    ]);
  });

  it('buildable: when every parent is selected or upstream of the selection', () => {
    expect(selectNames(small, 'b', { indirectSelection: 'buildable' })).toEqual([
      'b',
      'relationships_b_a_a_id',
      'unique_b_id',
    ]);
    expect(selectNames(small, 'a', { indirectSelection: 'buildable' })).toEqual(['a']);
    expect(selectNames(small, 'a', { indirectSelection: 'cautious' })).toEqual(['a']);
  });

  it('empty: no test joins', () => {
    expect(selectNames(small, 'b', { indirectSelection: 'empty' })).toEqual(['b']);
  });

  it('defaults to eager', () => {
    expect(selectNames(small, 'a', { indirectSelection: undefined })).toEqual([
      'a',
      'relationships_b_a_a_id',
    ]);
  });

  it('applies per atom before intersecting', () => {
    // Each atom pulls in unique_b_id eagerly, so the intersection keeps it.
    expect(selectNames(small, 'b,+b', { indirectSelection: 'eager' })).toEqual([
      'b',
      'relationships_b_a_a_id',
      'unique_b_id',
    ]);
    expect(selectNames(small, 'a,b', { indirectSelection: 'eager' })).toEqual([
      'relationships_b_a_a_id',
    ]);
  });

  it('applies to --exclude too, eagerly: excluding a model drops its tests', () => {
    const project = sampleProject();
    const all = selectNames(project, [], { indirectSelection: 'eager' });
    const rest = selectNames(project, [], {
      exclude: ['marts.orders'],
      indirectSelection: 'cautious',
    });
    expect(all).toContain('unique_orders_order_id');
    expect(all.filter((n) => !rest.includes(n))).toEqual([
      'assert_positive_total',
      'orders',
      'relationships_orders_customers_customer_id',
      'unique_orders_order_id',
    ]);
  });
});
