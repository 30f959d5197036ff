/**
 * How each dbt adapter's Column class differs from dbt-adapters' base `Column`, as data:
 * dbt-postgres' `PostgresColumn` keeps unsized text types as written, dbt-snowflake's
 * `SnowflakeColumn` calls every integer a NUMBER and parses `describe table` types with
 * collations, dbt-duckdb's `DuckDBColumn` knows DuckDB's integer spellings and STRUCT fields,
 * dbt-redshift uses the base class. Templates see these differences through `api.Column`, and
 * macros branch on them (`is_integer()`, `data_type`), so each adapter gets its own profile.
 */
export interface ColumnProfile {
  /** The Python class name, which the dataclass repr prints (`PostgresColumn(column=…)`). */
  readonly className: string;
  /** `Column.TYPE_LABELS`: what `translate_type`/`create` map an upper-cased label to. */
  readonly typeLabels: Readonly<Record<string, string>>;
  /** Lower-cased dtypes `is_integer()` accepts; `null` where it is always false (Snowflake). */
  readonly integerTypes: ReadonlySet<string> | null;
  readonly floatTypes: ReadonlySet<string>;
  readonly numericTypes: ReadonlySet<string>;
  /** `string_size()` of a `text` column or one without a size (256; Snowflake: 16777216). */
  readonly defaultStringSize: number;
  /** PostgresColumn: `text` and unsized `character varying` print as written, not sized. */
  readonly unsizedTextKeepsDtype: boolean;
  /**
   * DuckDB: the dtype carries a decimal's precision and scale (`DECIMAL(18,3)`, as DESCRIBE
   * reports it; the size fields stay null), so `is_numeric()` reads the type's name before
   * the parenthesis. Elsewhere the sizes are fields and the dtype is the bare name.
   */
  readonly sizedNumericDtype: boolean;
  /** Extra dataclass fields after the five base ones, with their defaults. */
  readonly extraFields: 'collation' | 'fields' | null;
  /**
   * How introspection's `dataType` (ColumnDef) becomes a column as the adapter's own
   * `get_columns_in_relation` would build it: `catalog` splits a Postgres-style type into
   * sizes the way information_schema reports them, `description` is Snowflake's
   * `from_description` of `describe table` output, `verbatim` keeps DuckDB's `column_type`
   * (dbt-duckdb passes null sizes).
   */
  readonly fromColumnDef: 'catalog' | 'description' | 'verbatim';
}

const BASE_INTEGERS = [
  'smallint',
  'integer',
  'bigint',
  'smallserial',
  'serial',
  'bigserial',
  'int2',
  'int4',
  'int8',
  'serial2',
  'serial4',
  'serial8',
];
const BASE_FLOATS = ['real', 'float4', 'float', 'double precision', 'float8', 'double'];

const BASE: ColumnProfile = {
  className: 'Column',
  typeLabels: { STRING: 'TEXT' },
  integerTypes: new Set(BASE_INTEGERS),
  floatTypes: new Set(BASE_FLOATS),
  numericTypes: new Set(['numeric', 'decimal']),
  defaultStringSize: 256,
  unsizedTextKeepsDtype: false,
  sizedNumericDtype: false,
  extraFields: null,
  fromColumnDef: 'catalog',
};

const PROFILES: Record<string, ColumnProfile> = {
  postgres: { ...BASE, className: 'PostgresColumn', unsizedTextKeepsDtype: true },
  redshift: BASE,
  snowflake: {
    ...BASE,
    className: 'SnowflakeColumn',
    integerTypes: null,
    floatTypes: new Set(BASE_FLOATS),
    numericTypes: new Set([
      'int',
      'integer',
      'bigint',
      'smallint',
      'tinyint',
      'byteint',
      'numeric',
      'decimal',
      'number',
    ]),
    defaultStringSize: 16777216,
    extraFields: 'collation',
    fromColumnDef: 'description',
  },
  duckdb: {
    ...BASE,
    className: 'DuckDBColumn',
    integerTypes: new Set([
      'tinyint',
      'smallint',
      'integer',
      'bigint',
      'hugeint',
      'utinyint',
      'usmallint',
      'uinteger',
      'ubigint',
      'int1',
      'int2',
      'int4',
      'int8',
      'short',
      'int',
      'signed',
      'long',
    ]),
    floatTypes: new Set(['real', 'float', 'float4', 'float8', 'double']),
    sizedNumericDtype: true,
    extraFields: 'fields',
    fromColumnDef: 'verbatim',
  },
};

/**
 * The profile of the first adapter in `dispatchOrder` that has one (redshift before postgres),
 * else dbt's base Column, which is what an adapter without its own Column class uses.
 */
export function columnProfile(dispatchOrder: readonly string[]): ColumnProfile {
  for (const type of dispatchOrder) {
    const p = Object.prototype.hasOwnProperty.call(PROFILES, type) ? PROFILES[type] : undefined;
    if (p) return p;
  }
  return BASE;
}
