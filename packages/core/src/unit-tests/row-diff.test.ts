import { describe, expect, it } from 'vitest';
import { canonicalDecimal, compareRows, formatRowDiff, hasDifference } from './row-diff';

describe('comparing rows', () => {
  it('is order-insensitive and counts duplicates', () => {
    expect(hasDifference(compareRows([[1], [2], [2]], [[2], [1], [2]]))).toBe(false);
    const diff = compareRows([[1], [2], [2]], [[1], [2]]);
    expect(diff).toEqual({ matched: 2, onlyActual: [[2]], onlyExpected: [] });
  });

  it('tells a number from its text, null from the text null, and dates by instant', () => {
    expect(hasDifference(compareRows([[1]], [['1']]))).toBe(true);
    expect(hasDifference(compareRows([[null]], [['null']]))).toBe(true);
    expect(
      hasDifference(compareRows([[new Date('2024-01-01Z')]], [[new Date('2024-01-01T00:00:00Z')]])),
    ).toBe(false);
  });
});

describe('showing the difference', () => {
  it('prints an aligned table, - above + for the same first value, and the counts', () => {
    const diff = compareRows(
      [
        [1, 'ann'],
        [2, 'robert'],
        [10, null],
      ],
      [
        [1, 'ann'],
        [2, 'bob'],
        [3, 'cy'],
      ],
    );
    expect(formatRowDiff(['id', 'name'], diff)).toBe(
      [
        '  | id | name',
        '--+----+-------',
        '- | 2  | bob',
        '+ | 2  | robert',
        '- | 3  | cy',
        '+ | 10 | null',
        '2 expected rows missing (-), 2 unexpected rows returned (+), 1 row as expected',
      ].join('\n'),
    );
  });
});

describe('exact numerics', () => {
  it("drop insignificant zeros, so 4.0 and 4 compare equal as dbt's Decimals do", () => {
    expect(['4.0', '004.500', '-0.00', '-1.10', '.5', '10', '0'].map(canonicalDecimal)).toEqual([
      '4',
      '4.5',
      '0',
      '-1.1',
      '0.5',
      '10',
      '0',
    ]);
    expect(canonicalDecimal('abc')).toBe('abc');
    expect(canonicalDecimal('1.2.3')).toBe('1.2.3');
  });
});
