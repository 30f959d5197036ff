import { AgateTable, AgateType, type AgateTypeName } from './agate-table';
import { PyDate, PyDatetime, utcDatetime } from './py-datetime';
import { PyDecimal } from './py-decimal';
import { pyJsonDumps } from './py-json';
import { PyFloat, isDict, pyRepr, stringRepr, tuple } from './py-values';

/**
 * What a statement run for a template (`run_query`, `{% call statement(…, fetch_result=True) %}`)
 * returned, as the connection saw it. Column types matter because Python drivers hand dbt typed
 * values (an int, a float, a Decimal, a datetime) where JavaScript drivers often give a number or
 * a string, and agate's type inference (so what templates print) depends on which.
 */
export interface QueryOutcome {
  /** Result columns in order; present even when no row came back. */
  columns: {
    name: string;
    /** The engine's type name (`integer`, `numeric(12,2)`, `DOUBLE`, `TIMESTAMP_TZ`). */ type?: string;
  }[];
  /** Rows as arrays in column order: JS numbers, bigints, strings, booleans, Dates, null, JSON values. */
  rows: unknown[][];
  /** The driver's status text (Postgres `SELECT 3`); `AdapterResponse._message`. */
  message?: string;
  /** `AdapterResponse.code` (Postgres: the message's first word; Snowflake: `SUCCESS`). */
  code?: string;
  rowsAffected?: number;
  queryId?: string;
}

/** dbt's `AdapterResponse`: prints as its message, `response.rows_affected` etc. in templates. */
export class AdapterResponse {
  constructor(
    readonly _message: string,
    readonly code: string | null = null,
    readonly rows_affected: number | null = null,
    readonly query_id: string | null = null,
  ) {}

  __str__(): string {
    return this._message;
  }

  __repr__(): string {
    return `AdapterResponse(_message=${stringRepr(this._message)}, code=${pyRepr(this.code)}, rows_affected=${pyRepr(this.rows_affected)}, query_id=${pyRepr(this.query_id)})`;
  }
}

/** How a statement's values become Python's (per column), before agate infers column types. */
type Kind = 'int' | 'float' | 'decimal' | 'bool' | 'date' | 'datetime' | 'datetimetz' | 'other';

function kindOf(type: string | undefined, zeroScaleIsInt: boolean): { kind: Kind; scale?: number } {
  const t = (type ?? '').trim().toLowerCase();
  if (
    /^(tiny|small|big|huge|u(tiny|small|big|huge)?)?int(eger)?[1248]?$|^(small|big)?serial[248]?$|^(byteint|short|long|signed|uinteger)$/.test(
      t,
    )
  )
    return { kind: 'int' };
  if (/^(real|float[48]?|double( precision)?)$/.test(t)) return { kind: 'float' };
  const dec = /^(numeric|decimal|number|fixed)\s*(?:\(\s*\d+\s*(?:,\s*(\d+)\s*)?\))?$/.exec(t);
  if (dec) {
    const scale = dec[2] === undefined ? undefined : Number(dec[2]);
    return zeroScaleIsInt && scale === 0 ? { kind: 'int' } : { kind: 'decimal', scale };
  }
  if (/^bool(ean)?$/.test(t)) return { kind: 'bool' };
  if (t === 'date') return { kind: 'date' };
  if (/^timestamp(tz|_tz|_ltz|.*with time zone)|^timestamp with time zone/.test(t))
    return { kind: 'datetimetz' };
  if (/^(timestamp|datetime)/.test(t)) return { kind: 'datetime' };
  return { kind: 'other' };
}

const SAFE = (s: string) => Number.isSafeInteger(Number(s));

/** The value a Python driver would have returned for `v` in a column of kind `k`. */
function pythonValue(v: unknown, k: { kind: Kind; scale?: number }): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'bigint') {
    if (k.kind === 'decimal') return PyDecimal.fromNumber(v, false);
    return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  }
  if (typeof v === 'number') {
    if (k.kind === 'decimal')
      return PyDecimal.parse(k.scale === undefined ? String(v) : v.toFixed(k.scale));
    if (k.kind === 'float' || !Number.isInteger(v)) return new PyFloat(v);
    return v;
  }
  if (typeof v === 'string') {
    if (k.kind === 'decimal') return PyDecimal.parse(v);
    if (k.kind === 'int' && /^[-+]?\d+$/.test(v)) return SAFE(v) ? Number(v) : BigInt(v);
    if (k.kind === 'float') return new PyFloat(Number(v));
    if (k.kind === 'date' || k.kind === 'datetime' || k.kind === 'datetimetz')
      return fromIsoText(v, k.kind);
    return v;
  }
  if (v instanceof Date) {
    if (k.kind === 'date')
      return new PyDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
    const aware = utcDatetime(v);
    return k.kind === 'datetimetz'
      ? aware
      : new PyDatetime(
          aware.year,
          aware.month,
          aware.day,
          aware.hour,
          aware.minute,
          aware.second,
          aware.microsecond,
        );
  }
  if (v instanceof Uint8Array) return new TextOnly(bytesRepr(v));
  if (Array.isArray(v) || isDict(v)) return new TextOnly(pyJsonDumps(v));
  throw new Error(`a query returned a value tsmodel cannot give templates: ${String(v)}`);
}

function fromIsoText(s: string, kind: Kind): PyDate {
  const m =
    /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,6})\d*)?)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)?$/.exec(
      s.trim(),
    );
  if (!m) throw new Error(`a ${kind} column returned ${JSON.stringify(s)}, which is not ISO 8601`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (kind === 'date') return new PyDate(y, mo, d);
  const us = Number((m[7] ?? '').padEnd(6, '0'));
  const wall = [y, mo, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), us] as const;
  if (!m[8]) return new PyDatetime(...wall);
  const off = m[8] === 'Z' ? 0 : offsetMinutes(m[8]);
  const ms = Date.UTC(y, mo - 1, d, wall[3], wall[4], wall[5]) - off * 60_000;
  const at = utcDatetime(new Date(ms));
  return new PyDatetime(at.year, at.month, at.day, at.hour, at.minute, at.second, us, at.tzinfo);
}

function offsetMinutes(text: string): number {
  const digits = text.replace(':', '');
  const h = Number(digits.slice(1, 3));
  const mi = Number(digits.slice(3, 5) || 0);
  return (text[0] === '-' ? -1 : 1) * (h * 60 + mi);
}

/** dbt-common's type tester on Python values, in its order: Integer, Number, Date, DateTime, Boolean, Text. */
function inferType(values: unknown[]): AgateTypeName {
  const all = (p: (v: unknown) => boolean) => values.every((v) => v === null || p(v));
  const isInt = (v: unknown) =>
    (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
  if (values.some((v) => typeof v === 'string' || isWrapped(v))) return 'Text';
  if (all(isInt)) return 'Integer';
  if (all((v) => isInt(v) || v instanceof PyFloat || v instanceof PyDecimal)) return 'Number';
  if (all((v) => v instanceof PyDate && !(v instanceof PyDatetime))) return 'Date';
  if (all((v) => v instanceof PyDate)) return 'DateTime';
  const zeroOne = (v: unknown) =>
    (isInt(v) || v instanceof PyDecimal) && (Number(v) === 0 || Number(v) === 1);
  if (all((v) => typeof v === 'boolean' || zeroOne(v))) return 'Boolean';
  return 'Text';
}

/** A value dbt turns into text before typing (`json.dumps` of a container, `str` of bytes). */
class TextOnly {
  constructor(readonly text: string) {}
}

const isWrapped = (v: unknown) => v instanceof TextOnly;

/** agate's cast of a Python value to the column's type. */
function cast(v: unknown, type: AgateTypeName): unknown {
  if (v === null) return null;
  switch (type) {
    case 'Integer':
      return v;
    case 'Number':
      return v instanceof PyDecimal
        ? v
        : PyDecimal.fromNumber(
            v instanceof PyFloat ? v.value : (v as number | bigint),
            v instanceof PyFloat,
          );
    case 'DateTime':
      return v instanceof PyDatetime
        ? v
        : new PyDatetime((v as PyDate).year, (v as PyDate).month, (v as PyDate).day);
    case 'Boolean':
      return typeof v === 'boolean' ? v : Number(v) === 1;
    case 'Text':
      return textOf(v);
    default:
      return v;
  }
}

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof TextOnly) return v.text;
  return String((v as { __str__?: () => string }).__str__?.() ?? pyRepr(v));
}

function bytesRepr(b: Uint8Array): string {
  let out = "b'";
  for (const x of b) {
    const c = String.fromCharCode(x);
    out +=
      c === "'" || c === '\\'
        ? '\\' + c
        : x >= 32 && x < 127
          ? c
          : '\\x' + x.toString(16).padStart(2, '0');
  }
  return out + "'";
}

/** Options for {@link agateTable}: the adapter and where `print_table` writes. */
export interface AgateTableOptions {
  /** Adapter type; Snowflake's driver returns NUMBER(p,0) as int, others as Decimal. */
  adapterType: string;
  /** dbt prints `table.print_table()` to stdout; tsmodel hands the text to this sink. */
  print: (text: string) => void;
}

/** The agate table dbt builds from a cursor (`get_result_from_cursor` → `table_from_data_flat`). */
export function agateTable(outcome: QueryOutcome, options: AgateTableOptions): AgateTable {
  const kinds = outcome.columns.map((c) => kindOf(c.type, options.adapterType === 'snowflake'));
  const values = outcome.rows.map((r) => {
    if (r.length !== outcome.columns.length)
      throw new Error(`a result row has ${r.length} values for ${outcome.columns.length} columns`);
    return r.map((v, i) => pythonValue(v, kinds[i]!));
  });
  const types = outcome.columns.map((_, i) => inferType(values.map((r) => r[i])));
  const rows = values.map((r) => r.map((v, i) => cast(v, types[i]!)));
  return new AgateTable(
    dbtColumnNames(outcome.columns.map((c) => c.name)),
    types.map((t) => new AgateType(t)),
    rows,
    options.print,
  );
}

/** dbt's `process_results`: a repeated name gets `_2`, `_3` (and the repeat's own values). */
function dbtColumnNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    return count === 1 ? n : `${n}_${count}`;
  });
}

/**
 * What `load_result(name)` returns after `{% call statement(name, fetch_result=…) %}`: dbt's
 * AttrDict `{response, data, table}`, a dict in templates (`result['data']`, `result.table`),
 * `data` being the rows as a list of tuples.
 */
export function statementResult(
  outcome: QueryOutcome,
  options: AgateTableOptions,
): Record<string, unknown> {
  const table = agateTable(outcome, options);
  return {
    response: new AdapterResponse(
      outcome.message ?? '',
      outcome.code ?? null,
      outcome.rowsAffected ?? null,
      outcome.queryId ?? null,
    ),
    data: table.rows.values().map((r) => tuple(r.values())),
    table,
  };
}
