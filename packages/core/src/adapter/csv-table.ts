import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { TsmodelError } from '../diagnostics';
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

/** RFC 4180 parsing (quotes, doubled quotes, CRLF, newlines inside quotes, a UTF-8 BOM). */
export function parseCsvTable(text: string, delimiter: string, file = '<csv>'): CsvTable {
  let records: (string | null)[][];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      skip_empty_lines: true,
      cast: (value, context) => (value === '' && !context.quoting ? null : value),
    }) as (string | null)[][];
  } catch (cause) {
    throw new TsmodelError({
      code: 'invalid-seed',
      message: `cannot parse seed ${file}: ${cause instanceof Error ? cause.message : String(cause)}`,
      location: { file },
      hint: 'check quoting and that every row has as many fields as the header',
      cause,
    });
  }
  const [header, ...rows] = records;
  if (!header || header.some((name) => !name)) {
    throw new TsmodelError({
      code: 'invalid-seed',
      message: `seed ${file} has no header row, or a header field is empty`,
      location: { file, line: 1, column: 1 },
      hint: 'the first line of a seed names its columns, e.g. id,name',
    });
  }
  return { columns: header as string[], rows };
}

export function readCsvTable(path: string, delimiter: string): CsvTable {
  return parseCsvTable(readFileSync(path, 'utf8'), delimiter, path);
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
  if (values.length === 0) return 'text';
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
 * all-NULL column is text. `column_types` in the seed config overrides any of them.
 */
export function inferSeedColumns(table: CsvTable): SeedColumn[] {
  return table.columns.map((name, i) => {
    const values = table.rows.map((r) => r[i]).filter((v): v is string => v != null);
    const maxBytes = values.reduce((max, v) => Math.max(max, Buffer.byteLength(v)), 0);
    return { name, kind: kindOf(values), maxBytes };
  });
}
