import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError, duckdbDialect, type Connection } from '@tsmodel/core/adapter';
import { createDuckDBAdapter } from './duckdb-adapter';

/**
 * Core checks every seed before DuckDB reads it; these files skip that check on purpose, to
 * prove the `read_csv` call is a second line of defence: whatever the sniffer would guess, a
 * malformed file is an error, never a table with fewer rows or other columns.
 */
describe('duckdb read_csv for seeds', () => {
  const adapter = createDuckDBAdapter(
    { type: 'duckdb', name: 'dev', profile_name: 'p', schema: 'main', threads: 1 },
    { projectRoot: tmpdir() },
  );
  let conn: Connection;
  const dir = mkdtempSync(join(tmpdir(), 'tsmodel-read-csv-'));
  const read = (text: string) => {
    const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(path, text);
    const source = duckdbDialect.readCsv({
      path,
      columnTypes: {},
      delimiter: ',',
      columns: ['a', 'b'],
    });
    return conn.query(`select * from ${source}`);
  };

  beforeAll(async () => {
    conn = await adapter.connect();
  });
  afterAll(() => adapter.close());

  it('loads every row of a good file under the header it is given', async () => {
    expect(await read('a,b\n1,x\n#2,y\n')).toEqual([
      { a: '1', b: 'x' },
      { a: '#2', b: 'y' },
    ]);
  });

  it.each([
    ['a wide last row', 'a,b\n1,2\n3,4\n4,5,6,7\n'],
    ['a short row', 'a,b\n1,2\n3\n4,5\n'],
    ['an unterminated quote', 'a,b\n1,"x\n3,4\n'],
  ])('fails on %s instead of loading fewer rows', async (_case, text) => {
    await expect(read(text)).rejects.toBeInstanceOf(AdapterError);
  });
});
