import { describe, expect, it } from 'vitest';
import { freshnessCriteria, freshnessStatus } from './freshness-criteria';

describe('freshness criteria', () => {
  const criteria = freshnessCriteria('source.p.s.t', {
    warn_after: { count: 12, period: 'hour' },
    error_after: { count: 1, period: 'day' },
    filter: 'id > 0',
  })!;

  it('judges an age as dbt does: error_after first, the threshold itself still passes', () => {
    expect(freshnessStatus(12 * 3600, criteria)).toBe('pass');
    expect(freshnessStatus(12 * 3600 + 1, criteria)).toBe('warn');
    expect(freshnessStatus(86400 + 1, criteria)).toBe('error');
    expect(criteria.filter).toBe('id > 0');
  });

  it('has nothing to check without a threshold (or with count: null from a merge)', () => {
    expect(freshnessCriteria('x', null)).toBeUndefined();
    expect(freshnessCriteria('x', { warn_after: { count: null, period: 'hour' } })).toBeUndefined();
    expect(freshnessCriteria('x', { filter: 'a' })).toBeUndefined();
  });

  it('an unreadable threshold is an error naming the source, never a pass', () => {
    expect(() =>
      freshnessCriteria('source.p.s.t', { warn_after: { count: 3, period: 'week' } }),
    ).toThrow('source.p.s.t: warn_after must be {count: <number>, period: minute | hour | day}');
    expect(() =>
      freshnessCriteria('source.p.s.t', { error_after: { count: 'many', period: 'day' } }),
    ).toThrow(/error_after must be/);
  });
});
