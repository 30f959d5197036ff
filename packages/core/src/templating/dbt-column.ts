import { bind } from './py-args';
import type { ColumnProfile } from './column-profiles';
import { pyEq, pyRepr, pyStr, stringRepr } from './py-values';

/**
 * dbt's `Column` (dbt-adapters' `dbt/adapters/base/column.py` and each adapter's subclass): what
 * `adapter.get_columns_in_relation` returns and `api.Column(...)` builds. Materializations and
 * packages read `name`, `quoted`, `data_type` and call `is_string()`, `can_expand_to()`,
 * `string_type()` to write DDL, so each answer follows the adapter's class (see
 * column-profiles.ts). Methods take positional or keyword arguments, as from Python.
 */
export class DbtColumn {
  /** DuckDBColumn's STRUCT fields, parsed from the dtype. */
  readonly fields: DbtColumn[] | undefined;

  constructor(
    readonly profile: ColumnProfile,
    /** The adapter's quote character, for `quoted`. */
    readonly quoteChar: string,
    readonly column: string,
    readonly dtype: string,
    readonly char_size: unknown = null,
    readonly numeric_precision: unknown = null,
    readonly numeric_scale: unknown = null,
    /** SnowflakeColumn's collation, from `… COLLATE 'en-ci'`. */
    readonly collation: string | null = null,
  ) {
    if (typeof dtype !== 'string')
      throw new TypeError(`Column dtype must be a string, got ${pyRepr(dtype)}`);
    this.fields = profile.extraFields === 'fields' ? structFields(this) : undefined;
  }

  get name(): string {
    return this.column;
  }

  /** Quoted with the adapter's quote character, without escaping, as dbt does. */
  get quoted(): string {
    return `${this.quoteChar}${this.column}${this.quoteChar}`;
  }

  get data_type(): string {
    const lower = this.dtype.toLowerCase();
    if (
      this.profile.unsizedTextKeepsDtype &&
      (lower === 'text' || (lower === 'character varying' && isNone(this.char_size)))
    )
      return this.dtype;
    if (this.is_string()) return this.string_type(this.string_size());
    if (this.is_numeric())
      return this.numeric_type(this.dtype, this.numeric_precision, this.numeric_scale);
    return this.dtype;
  }

  /** The type with Snowflake's collation clause, for DDL comparisons. */
  get expanded_data_type(): string {
    return this.collation && this.is_string()
      ? `${this.data_type} collate '${this.collation}'`
      : this.data_type;
  }

  is_string(): boolean {
    return ['text', 'character varying', 'character', 'varchar'].includes(this.dtype.toLowerCase());
  }

  is_number(): boolean {
    return this.is_integer() || this.is_numeric() || this.is_float();
  }

  is_float(): boolean {
    return this.profile.floatTypes.has(this.dtype.toLowerCase());
  }

  is_integer(): boolean {
    return this.profile.integerTypes?.has(this.dtype.toLowerCase()) ?? false;
  }

  is_numeric(): boolean {
    const lower = this.dtype.toLowerCase();
    const name = this.profile.sizedNumericDtype ? lower.replace(SIZE_SUFFIX, '') : lower;
    return this.profile.numericTypes.has(name);
  }

  string_size(): number {
    if (!this.is_string()) throw new Error('Called string_size() on non-string field!');
    if (this.dtype === 'text' || isNone(this.char_size)) return this.profile.defaultStringSize;
    return toInt(this.char_size);
  }

  /** True when this string column can grow to `other_column`'s size. */
  can_expand_to(...args: unknown[]): boolean {
    const [other] = bind(args, ['other_column'], 'can_expand_to');
    if (!(other instanceof DbtColumn))
      throw new TypeError(`can_expand_to() needs a Column, got ${pyRepr(other)}`);
    if (!this.is_string() || !other.is_string()) return false;
    return other.string_size() > this.string_size();
  }

  literal(...args: unknown[]): string {
    const [value] = bind(args, ['value'], 'literal');
    return `${pyStr(value)}::${this.data_type}`;
  }

  string_type(...args: unknown[]): string {
    return columnClassMethods(this.profile).string_type(...args);
  }

  numeric_type(...args: unknown[]): string {
    return columnClassMethods(this.profile).numeric_type(...args);
  }

  translate_type(...args: unknown[]): string {
    return columnClassMethods(this.profile).translate_type(...args);
  }

  /** SnowflakeColumn's composite-type tests. */
  is_array(): boolean {
    return this.dtype.toLowerCase().startsWith('array');
  }
  is_object(): boolean {
    return this.dtype.toLowerCase().startsWith('object');
  }
  is_map(): boolean {
    return this.dtype.toLowerCase().startsWith('map');
  }

  /** DuckDBColumn: a STRUCT column. */
  is_struct(): boolean {
    return this.dtype.toLowerCase().startsWith('struct');
  }

  /** DuckDBColumn: a STRUCT's leaf fields as `parent.child` columns. */
  flatten(): DbtColumn[] {
    if (!this.is_struct()) return [this];
    return (this.fields ?? []).flatMap((f) =>
      f.flatten().map((leaf) => this.derived(`${this.column}.${leaf.column}`, leaf.dtype)),
    );
  }

  private derived(column: string, dtype: string): DbtColumn {
    return new DbtColumn(this.profile, this.quoteChar, column, dtype);
  }

  /** The dataclass repr, which is how dbt prints a Column (`{{ columns }}`). */
  __repr__(): string {
    const parts = [
      `column=${stringRepr(this.column)}`,
      `dtype=${stringRepr(this.dtype)}`,
      `char_size=${pyRepr(this.char_size)}`,
      `numeric_precision=${pyRepr(this.numeric_precision)}`,
      `numeric_scale=${pyRepr(this.numeric_scale)}`,
    ];
    if (this.profile.extraFields === 'collation') parts.push(`collation=${pyRepr(this.collation)}`);
    if (this.profile.extraFields === 'fields') parts.push(`fields=${pyRepr(this.fields)}`);
    return `${this.profile.className}(${parts.join(', ')})`;
  }

  /** Dataclass equality: same class, equal fields. */
  __eq__(o: unknown): boolean {
    return (
      o instanceof DbtColumn &&
      o.profile === this.profile &&
      o.column === this.column &&
      o.dtype === this.dtype &&
      pyEq(o.char_size, this.char_size) &&
      pyEq(o.numeric_precision, this.numeric_precision) &&
      pyEq(o.numeric_scale, this.numeric_scale) &&
      o.collation === this.collation
    );
  }
}

/** `(18,3)` / `(18, 3)` / `(10)` at the end of a dtype. */
const SIZE_SUFFIX = /\s*\(\s*\d+\s*(,\s*\d+\s*)?\)$/;

function isNone(v: unknown): boolean {
  return v === null || v === undefined;
}

function toInt(v: unknown): number {
  const int = (v as { __int__?: () => unknown } | null)?.__int__;
  const n = typeof int === 'function' ? Number(int.call(v)) : Number(pyStr(v));
  if (!Number.isFinite(n)) throw new Error(`invalid literal for int(): ${pyRepr(v)}`);
  return Math.trunc(n);
}

/** DuckDBColumn's `STRUCT(a VARCHAR, b DECIMAL(10, 2))` fields, split at top-level commas. */
function structFields(col: DbtColumn): DbtColumn[] {
  const m = /^STRUCT\((.*)\)/is.exec(col.dtype);
  if (!m) return [];
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of m[1]!) {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  parts.push(cur.trim());
  return parts.map((p) => {
    const space = p.indexOf(' ');
    if (space < 0) throw new Error(`Could not interpret STRUCT field "${p}" of ${col.dtype}`);
    return new DbtColumn(col.profile, col.quoteChar, p.slice(0, space), p.slice(space + 1));
  });
}

/** The classmethods of a Column class, shared by instances and `api.Column`. */
export function columnClassMethods(profile: ColumnProfile) {
  const translate = (dtype: unknown): string => {
    const d = pyStr(dtype);
    const labels = profile.typeLabels;
    const key = d.toUpperCase();
    return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key]! : d;
  };
  return {
    translate_type: (...args: unknown[]) => translate(bind(args, ['dtype'], 'translate_type')[0]),
    string_type: (...args: unknown[]) =>
      `character varying(${pyStr(bind(args, ['size'], 'string_type')[0])})`,
    numeric_type: (...args: unknown[]) => {
      const [dtype, precision, scale] = bind(args, ['dtype', 'precision', 'scale'], 'numeric_type');
      return isNone(precision) || isNone(scale)
        ? pyStr(dtype)
        : `${pyStr(dtype)}(${pyStr(precision)},${pyStr(scale)})`;
    },
    translate,
  };
}
