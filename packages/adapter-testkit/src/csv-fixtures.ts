import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Seed files that break naive loaders: CRLF line ends, quoted delimiters, doubled quotes, a
 * newline inside a quoted field, empty fields (→ NULL), non-ASCII text, and a leading-zero code
 * that must stay text. Kept as exact bytes here (git would normalize line ends of a .csv file).
 */
export const ODD_CSV =
  'id,name,note,zip,amount\r\n' +
  '1,"Smith, John","said ""hi""",01234,1.5\r\n' +
  '2,Zoë,,02134,\r\n' +
  '3,東京 🚀,"line one\nline two",90210,3\r\n';

/** The rows ODD_CSV must load as, ordered by id; `zip` is typed VARCHAR through column_types. */
export const ODD_CSV_ROWS = [
  { id: 1, name: 'Smith, John', note: 'said "hi"', zip: '01234', amount: 1.5 },
  { id: 2, name: 'Zoë', note: null, zip: '02134', amount: null },
  { id: 3, name: '東京 🚀', note: 'line one\nline two', zip: '90210', amount: 3 },
];

/**
 * Values 1e-7 apart, for `column_types: {v: float}`: a portable project means an 8-byte float,
 * in which they stay apart and cast to decimal exactly; in 4 bytes they are one value.
 */
export const FLOAT_CSV = 'id,v\n1,68.6029434\n2,68.6029435\n3,100000\n';

/** A semicolon-delimited file, for the `delimiter` config. */
export const SEMICOLON_CSV = 'code;label\nA;Alpha\nB;Beta\n';

/**
 * Variants of SEMICOLON_CSV that must never load, each with the line the error names: a ragged
 * row (DuckDB's sniffer once took its fields for the header and loaded no rows at all), an
 * unterminated quote, a duplicate column and a Latin-1 byte.
 */
export const BROKEN_CSVS: ReadonlyArray<readonly [string | Buffer, number]> = [
  ['code;label\nA;Alpha\nB;Beta\nC;Gamma;extra;more\n', 4],
  ['code;label\nA;Alpha\nB;"Beta\n', 3],
  ['code;CODE\nA;Alpha\n', 1],
  [Buffer.from('code;label\nA;Alpha\nB;B\xe9ta\n', 'latin1'), 3],
];

/** Writes the fixtures into a fresh temp directory and returns their absolute paths. */
export function writeCsvFixtures(): { odd: string; semicolon: string; floats: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tsmodel-seeds-'));
  const odd = join(dir, 'odd.csv');
  const semicolon = join(dir, 'semicolon.csv');
  const floats = join(dir, 'floats.csv');
  writeFileSync(odd, ODD_CSV);
  writeFileSync(semicolon, SEMICOLON_CSV);
  writeFileSync(floats, FLOAT_CSV);
  return { odd, semicolon, floats };
}
