import { parse } from 'csv-parse/sync';
import { TsmodelError } from '../diagnostics';
import { readUtf8File } from '../utf8-text';
import type { SeedColumn, SeedValueKind } from './dialect';

/**
 * A seed CSV parsed on the client, for engines that cannot read the client's files (Postgres,
 * Redshift, Snowflake). Values stay text: the engine casts them to the inferred column types.
 * An unquoted empty field is `null`; a quoted empty field (`""`) is the empty string.
 */
export interface CsvTable {
  columns: string[];
  rows: (string | null)[][];
}

/**
 * RFC 4180 parsing (quotes, doubled quotes, CRLF, newlines inside quotes, a UTF-8 BOM), strict:
 * every row has as many fields as the header, every quote is closed, header names are present
 * and distinct. Anything else is an error naming `file` and the line, never a table that is
 * silently shorter, narrower or renamed.
 */
export function parseCsvTable(text: string, delimiter: string, file = '<csv>'): CsvTable {
  const rows: (string | null)[][] = [];
  const columns = parseStrictly(text, delimiter, file, (row) => void rows.push(row));
  return { columns, rows };
}

/** Reads and checks a seed file; `shownPath` names it in errors. */
export function readCsvTable(path: string, delimiter: string, shownPath = path): CsvTable {
  return parseCsvTable(readUtf8File(path, shownPath), delimiter, shownPath);
}

/**
 * Checks a seed file as strictly as {@link readCsvTable} without keeping its rows, for engines
 * that read the file themselves (DuckDB): they then load a file already known to be well
 * formed, under the header returned here. `empty` names the columns with no value in any row,
 * which dbt's agate types integer where the engine's own detection would say text.
 */
export function checkCsvFile(
  path: string,
  delimiter: string,
  shownPath = path,
): { columns: string[]; empty: string[] } {
  const filled: boolean[] = [];
  const columns = parseStrictly(readUtf8File(path, shownPath), delimiter, shownPath, (row) => {
    row.forEach((v, i) => {
      if (v !== null) filled[i] = true;
    });
  });
  return { columns, empty: columns.filter((_, i) => !filled[i]) };
}

/**
 * The header of a seed file without reading its rows, checked as {@link checkCsvFile} checks
 * it: what a seed's columns are called, for tools that need only that (column lineage).
 */
export function readCsvHeader(path: string, delimiter: string, shownPath = path): string[] {
  let header: string[] | undefined;
  try {
    const records = parse(readUtf8File(path, shownPath), {
      delimiter,
      bom: true,
      skip_empty_lines: true,
      to: 1,
    });
    if (records[0]) header = checkedHeader(records[0] as string[], shownPath);
  } catch (cause) {
    if (cause instanceof TsmodelError) throw cause;
    throw csvSyntaxError(cause, shownPath, 0);
  }
  // No record at all: the loader's own 'seed is empty' error.
  if (!header) return parseStrictly('', delimiter, shownPath, () => undefined);
  return header;
}

function parseStrictly(
  text: string,
  delimiter: string,
  file: string,
  onRow: (row: (string | null)[]) => void,
): string[] {
  let header: string[] | undefined;
  /** Last line of the last complete record: a record that fails starts after it. */
  let lastLine = 0;
  try {
    parse(text, {
      delimiter,
      bom: true,
      skip_empty_lines: true,
      cast: (value, context) => (value === '' && !context.quoting ? null : value),
      on_record: (record: (string | null)[], context) => {
        if (header) onRow(record);
        else header = checkedHeader(record, file);
        lastLine = context.lines;
        return null;
      },
    });
  } catch (cause) {
    if (cause instanceof TsmodelError) throw cause;
    throw csvSyntaxError(cause, file, lastLine);
  }
  if (!header) {
    throw new TsmodelError({
      code: 'invalid-seed',
      message: `seed ${file} is empty: it has no header row`,
      location: { file },
      hint: 'the first line of a seed names its columns, e.g. id,name',
    });
  }
  return header;
}

/**
 * Header names must be present and distinct — ignoring case, since unquoted names fold (DuckDB
 * matches them case-insensitively): two columns of one name would make the load fail or one
 * shadow the other.
 */
function checkedHeader(record: (string | null)[], file: string): string[] {
  const seen = new Map<string, number>();
  record.forEach((name, i) => {
    const fail = (message: string, hint: string) => {
      throw new TsmodelError({
        code: 'invalid-seed',
        message: `seed ${file} line 1: ${message}`,
        location: { file, line: 1 },
        hint,
      });
    };
    if (name === null || name.trim() === '')
      fail(`header field ${i + 1} is empty`, 'name every column in the first line, e.g. id,name');
    const key = name!.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      fail(
        `header fields ${first + 1} and ${i + 1} are both named '${name}'`,
        'give every column its own name',
      );
    seen.set(key, i);
  });
  return record as string[];
}

/** csv-parse's error, with the line it happened on and what to do about it. */
function csvSyntaxError(cause: unknown, file: string, lastLine: number): TsmodelError {
  const err = cause as { code?: string; lines?: number; message?: string };
  const at = (line: number, message: string, hint: string) =>
    new TsmodelError({
      code: 'invalid-seed',
      message: `seed ${file} line ${line}: ${message}`,
      location: { file, line },
      hint,
      cause,
    });
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const got = /got (\d+)/.exec(err.message ?? '')?.[1];
      const expected = /expect (\d+)/.exec(err.message ?? '')?.[1];
      return at(
        err.lines ?? lastLine + 1,
        `this row has ${got ?? 'a different number of'} fields, the header has ${expected ?? 'another number'}`,
        'give every row exactly as many fields as the header (quote values that contain the delimiter)',
      );
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return at(
        lastLine + 1,
        'a quoted field opened on this row is never closed',
        'close the quote, and double any quote inside a quoted value ("")',
      );
    default:
      return at(
        err.lines ?? lastLine + 1,
        err.message ?? String(cause),
        'check the quoting on this line: a quote inside a value must be doubled ("") and the value quoted',
      );
  }
}

const INT32 = 2n ** 31n;
const INT64 = 2n ** 63n;
const INTEGER = /^[-+]?\d+$/;
const FLOAT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const BOOLEAN = /^(true|false)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** The narrowest kind every non-null value fits, from most to least specific. */
function kindOf(values: string[]): SeedValueKind {
  // agate tries integer first, and every type accepts a NULL: dbt types an empty column integer.
  if (values.length === 0) return 'integer';
  if (values.every((v) => INTEGER.test(v))) {
    const widest = values.reduce((max, v) => {
      const n = BigInt(v);
      const abs = n < 0n ? -n : n;
      return abs > max ? abs : max;
    }, 0n);
    if (widest < INT32) return 'integer';
    if (widest < INT64) return 'bigint';
    return 'float';
  }
  if (values.every((v) => FLOAT.test(v))) return 'float';
  if (values.every((v) => BOOLEAN.test(v))) return 'boolean';
  if (values.every((v) => DATE.test(v))) return 'date';
  if (values.every((v) => TIMESTAMP.test(v))) return 'timestamp';
  return 'text';
}

/**
 * Column kinds inferred from the values, like dbt's agate type tester: NULLs are ignored, an
 * all-NULL column is integer (agate's first type). `column_types` in the seed config overrides
 * any of them.
 */
export function inferSeedColumns(table: CsvTable): SeedColumn[] {
  return table.columns.map((name, i) => {
    const values = table.rows.map((r) => r[i]).filter((v): v is string => v != null);
    const maxBytes = values.reduce((max, v) => Math.max(max, Buffer.byteLength(v)), 0);
    return { name, kind: kindOf(values), maxBytes };
  });
}
