import { describe, expect, it } from 'vitest';
import { highestInRange, intersect, parseSpecifier } from './dbt-versions';

const specs = (...texts: string[]) => texts.map((t) => parseSpecifier(t)!);
const available = ['0.9.0', '1.0.0', '1.1.1', '1.2.0-b1', '2.0.0', '0.4.5a2'];

describe('dbt version ranges', () => {
  it('intersects every specifier and picks the highest version inside', () => {
    const range = intersect(specs('>=1.0.0', '<2.0.0', '>=1.1.0'))!;
    expect(highestInRange(available, range, false)).toBe('1.1.1');
    expect(highestInRange(available, intersect(specs('1.0.0'))!, false)).toBe('1.0.0');
  });

  it('reports ranges that cannot meet, whatever the hub offers', () => {
    expect(intersect(specs('>=2.0.0', '<1.0.0'))).toBeUndefined();
    expect(intersect(specs('1.0.0', '1.1.1'))).toBeUndefined();
  });

  it('installs prereleases only when asked, and reads dbt spellings like 0.4.5a2', () => {
    const range = intersect(specs('>=1.0.0', '<2.0.0'))!;
    expect(highestInRange(available, range, true)).toBe('1.2.0-b1');
    expect(parseSpecifier('0.4.5a2')!.version).toBe('0.4.5-a2');
    expect(highestInRange(available, intersect(specs('0.4.5-a2'))!, true)).toBe('0.4.5a2');
    expect(parseSpecifier('~1.0')).toBeUndefined();
  });
});
