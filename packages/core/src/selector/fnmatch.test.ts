import { describe, expect, it } from 'vitest';
import { fnmatch, hasWildcard } from './fnmatch';

describe('fnmatch (Python semantics)', () => {
  it.each([
    ['stg_orders', 'stg_*', true],
    ['staging.stg_orders', 'stg_*', false],
    ['staging.stg_orders', '*stg_*', true],
    ['team/finance', 'team*', true],
    ['orders', 'order?', true],
    ['orders', 'order', false],
    ['orders', 'Orders', false],
    ['a1', 'a[0-9]', true],
    ['ab', 'a[!0-9]', true],
    ['a1', 'a[!0-9]', false],
    ['a[', 'a[', true],
    ['a.b', 'a.b', true],
    ['axb', 'a.b', false],
    ['a+b', 'a+b', true],
    ['a]', 'a[]]', true],
  ])('%s ~ %s → %s', (name, pattern, expected) => {
    expect(fnmatch(name, pattern)).toBe(expected);
  });

  it('detects wildcards', () => {
    expect(hasWildcard('stg_*')).toBe(true);
    expect(hasWildcard('a[b]')).toBe(true);
    expect(hasWildcard('stg_orders')).toBe(false);
  });
});
