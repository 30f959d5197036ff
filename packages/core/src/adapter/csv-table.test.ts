import { describe, expect, it } from 'vitest';
import { TsmodelError } from '../diagnostics';
import { inferSeedColumns, parseCsvTable } from './csv-table';

describe('parseCsvTable', () => {
  it('reads quotes, CRLF, embedded newlines and a BOM; unquoted empty is NULL, quoted empty is text', () => {
    const table = parseCsvTable('\uFEFFid,name,note\r\n1,"a, ""b""",\r\n2,"x\ny",""\r\n', ',');
    expect(table).toEqual({
      columns: ['id', 'name', 'note'],
      rows: [
        ['1', 'a, "b"', null],
        ['2', 'x\ny', ''],
      ],
    });
  });

  it('reports a ragged row as a seed error with the file', () => {
    const error = (() => {
      try {
        return parseCsvTable('a,b\n1,2,3\n', ',', 'seeds/x.csv');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TsmodelError);
    expect((error as TsmodelError).location?.file).toBe('seeds/x.csv');
  });
});

describe('inferSeedColumns', () => {
  it('picks the narrowest kind every non-null value fits', () => {
    const table = parseCsvTable(
      [
        'i,big,f,b,d,ts,t,empty',
        '1,3000000000,1.5,true,2020-01-01,2020-01-01 10:00:00,x,',
        '-2,1,2,False,2021-12-31,2020-01-01T10:00,ümlaut,',
      ].join('\n'),
      ',',
    );
    expect(inferSeedColumns(table).map((c) => [c.name, c.kind, c.maxBytes])).toEqual([
      ['i', 'integer', 2],
      ['big', 'bigint', 10],
      ['f', 'float', 3],
      ['b', 'boolean', 5],
      ['d', 'date', 10],
      ['ts', 'timestamp', 19],
      ['t', 'text', 7],
      ['empty', 'text', 0],
    ]);
  });
});
