import { describe, expect, it } from 'vitest';
import { errorPositionContext } from './error-position';

describe('errorPositionContext', () => {
  it('shows the failing line and a caret under the position, as psql does', () => {
    const sql = 'select a\nfrom missing_table\nlimit 1';
    expect(errorPositionContext(sql, '15')).toBe(
      ['LINE 2: from missing_table', '             ^'].join('\n'),
    );
    expect(errorPositionContext('select column_name from t', 25)).toBe(
      ['LINE 1: select column_name from t', '                                ^'].join('\n'),
    );
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    expect(errorPositionContext("select '☃🎉', nope", '16')).toBe(
      ["LINE 1: select '☃🎉', nope", '                       ^'].join('\n'),
    );
  });

  it('cuts a long line to a window around the caret', () => {
    const columns = Array.from({ length: 40 }, (_, i) => `c${i}`).join(', ');
    const sql = `select ${columns}, bad, ${columns} from t`;
    const at = sql.indexOf('bad') + 1;
    const [line, caret] = errorPositionContext(sql, at).split('\n') as [string, string];
    expect(line.startsWith('LINE 1: ...')).toBe(true);
    expect(line.endsWith('...')).toBe(true);
    expect(line.slice(caret.length - 1, caret.length + 2)).toBe('bad');
    expect(caret.trim()).toBe('^');
  });

  it('is empty when the server gave no usable position', () => {
    expect(errorPositionContext('select 1', undefined)).toBe('');
    expect(errorPositionContext('select 1', '0')).toBe('');
    expect(errorPositionContext('select 1', '99')).toBe('');
  });
});
