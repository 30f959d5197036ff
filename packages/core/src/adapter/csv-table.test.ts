import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TsmodelError } from '../diagnostics';
import { checkCsvFile, inferSeedColumns, parseCsvTable, readCsvTable } from './csv-table';

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

  it.each([
    [
      'a row wider than the header',
      'a,b\n1,2\n3,4\n4,5,6,7\n',
      4,
      'this row has 4 fields, the header has 2',
    ],
    [
      'a row narrower than the header',
      'a,b\r\n1,2\r\n\r\n3\r\n',
      4,
      'this row has 1 fields, the header has 2',
    ],
    [
      'an unterminated quote',
      'a,b\n1,2\n3,"x\n4,5\n',
      3,
      'a quoted field opened on this row is never closed',
    ],
    ['a quote inside an unquoted value', 'a,b\n1,x"y\n', 2, 'Invalid Opening Quote'],
    ['an empty header name', 'a,,c\n1,2,3\n', 1, 'header field 2 is empty'],
    [
      'header names equal but for case',
      'id,name,ID\n1,2,3\n',
      1,
      "header fields 1 and 3 are both named 'ID'",
    ],
  ])('rejects %s, naming the file and line', (_case, text, line, message) => {
    const error = thrown(() => parseCsvTable(text, ',', 'seeds/x.csv'));
    expect(error.code).toBe('invalid-seed');
    expect(error.location).toEqual({ file: 'seeds/x.csv', line });
    expect(error.message).toContain(`seeds/x.csv line ${line}: `);
    expect(error.message).toContain(message);
  });

  it('rejects a file with no header at all', () => {
    expect(thrown(() => parseCsvTable('\n\n', ',', 'seeds/x.csv')).message).toContain(
      'seed seeds/x.csv is empty',
    );
  });
});

describe('reading seed files', () => {
  const file = (bytes: Buffer) => {
    const path = join(mkdtempSync(join(tmpdir(), 'tsmodel-csv-')), 'x.csv');
    writeFileSync(path, bytes);
    return path;
  };

  it('checks a whole file without keeping its rows and returns the header', () => {
    const path = file(Buffer.from('id;name\n1;a\n2;b\n'));
    expect(checkCsvFile(path, ';', 'seeds/x.csv').columns).toEqual(['id', 'name']);
    const ragged = file(Buffer.from('id,name\n1,a\n2\n'));
    expect(thrown(() => checkCsvFile(ragged, ',', 'seeds/x.csv')).location).toEqual({
      file: 'seeds/x.csv',
      line: 3,
    });
  });

  it('rejects bytes that are not UTF-8 with the line, instead of loading U+FFFD', () => {
    // "Zoë" written as Latin-1: 0xEB is not UTF-8.
    const path = file(
      Buffer.concat([Buffer.from('id,name\n1,Zo'), Buffer.from([0xeb]), Buffer.from('\n')]),
    );
    for (const read of [
      () => readCsvTable(path, ',', 'seeds/x.csv'),
      () => checkCsvFile(path, ',', 'seeds/x.csv'),
    ]) {
      const error = thrown(read);
      expect(error.code).toBe('invalid-utf8');
      expect(error.location).toEqual({ file: 'seeds/x.csv', line: 2, column: 5 });
    }
  });
});

function thrown(fn: () => unknown): TsmodelError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TsmodelError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

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
      // As dbt's agate: an empty column is integer.
      ['empty', 'integer', 0],
    ]);
  });
});
