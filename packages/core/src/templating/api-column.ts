import type { ColumnDef, TemplatingDialect } from '../adapter/dialect';
import { columnProfile, type ColumnProfile } from './column-profiles';
import { DbtColumn, columnClassMethods } from './dbt-column';
import { bind } from './py-args';
import { pyStr } from './py-values';

/**
 * `api.Column` as templates use it: callable like the Python class
 * (`api.Column(column=…, dtype=…, char_size=…)`, `api.Column(*row)`), with its classmethods
 * (`create`, `translate_type`, `string_type`, `numeric_type`, `from_description`). Also builds
 * the columns `adapter.get_columns_in_relation` returns from what introspection reports.
 */
export interface ColumnApi {
  (...args: unknown[]): DbtColumn;
  create(...args: unknown[]): DbtColumn;
  translate_type(...args: unknown[]): string;
  string_type(...args: unknown[]): string;
  numeric_type(...args: unknown[]): string;
  from_description(...args: unknown[]): DbtColumn;
  readonly TYPE_LABELS: Readonly<Record<string, string>>;
  /**
   * The column the adapter's own `get_columns_in_relation` would return for an introspected
   * column (`character varying(256)` → dtype `character varying`, char_size 256 on Postgres;
   * `NUMBER(38,0)` parsed by `from_description` on Snowflake; DuckDB's type kept whole).
   */
  fromColumnDef(def: ColumnDef): DbtColumn;
}

/** `api.Column` for the adapter `dialect` describes (its class is chosen by dispatch order). */
export function columnApi(dialect: TemplatingDialect): ColumnApi {
  const profile = columnProfile(dialect.dispatchOrder);
  const q = dialect.quoteCharacter;
  const methods = columnClassMethods(profile);
  const fields = ['column', 'dtype', 'char_size', 'numeric_precision', 'numeric_scale'];
  if (profile.extraFields) fields.push(profile.extraFields);
  const make = (...args: unknown[]): DbtColumn => {
    const [column, dtype, char, precision, scale, extra] = bind(args, fields, profile.className);
    if (column === undefined || dtype === undefined)
      throw new TypeError(
        `${profile.className}() missing required arguments: 'column' and 'dtype'`,
      );
    const collation = profile.extraFields === 'collation' ? (extra ?? null) : null;
    return new DbtColumn(
      profile,
      q,
      pyStr(column),
      pyStr(dtype),
      char ?? null,
      precision ?? null,
      scale ?? null,
      collation === null ? null : pyStr(collation),
    );
  };
  const fromDescription = (name: string, raw: string) =>
    profile.fromColumnDef === 'description'
      ? snowflakeFromDescription(profile, q, name, raw)
      : baseFromDescription(profile, q, name, raw);
  return Object.assign(make, {
    create: (...args: unknown[]) => {
      const [name, label] = bind(args, ['name', 'label_or_dtype'], 'create');
      return new DbtColumn(profile, q, pyStr(name), methods.translate(label));
    },
    translate_type: methods.translate_type,
    string_type: methods.string_type,
    numeric_type: methods.numeric_type,
    from_description: (...args: unknown[]) => {
      const [name, raw] = bind(args, ['name', 'raw_data_type'], 'from_description');
      return fromDescription(pyStr(name), pyStr(raw));
    },
    TYPE_LABELS: profile.typeLabels,
    fromColumnDef: (def: ColumnDef) => {
      if (profile.fromColumnDef === 'verbatim')
        return new DbtColumn(profile, q, def.name, def.dataType);
      if (profile.fromColumnDef === 'description') return fromDescription(def.name, def.dataType);
      return fromCatalogType(profile, q, def);
    },
    __repr__: () => `<class '${profile.className}'>`,
  });
}

/** dbt's base `Column.from_description`: `type(n)` is a char size, `type(p,s)` precision and scale. */
function baseFromDescription(p: ColumnProfile, q: string, name: string, raw: string): DbtColumn {
  const m = /^([^(]+)(\([^)]+\))?/.exec(raw);
  if (!m) throw new Error(`Could not interpret data type "${raw}"`);
  const sizes = m[2]?.slice(1, -1).split(',');
  const int = (s: string) => {
    if (!/^\s*[-+]?\d+\s*$/.test(s))
      throw new Error(
        `Could not interpret data_type "${raw}": could not convert "${s}" to an integer`,
      );
    return Number(s);
  };
  if (sizes?.length === 1) return new DbtColumn(p, q, name, m[1]!, int(sizes[0]!));
  if (sizes?.length === 2)
    return new DbtColumn(p, q, name, m[1]!, null, int(sizes[0]!), int(sizes[1]!));
  return new DbtColumn(p, q, name, m[1]!);
}

const COLLATE = /collate\s+'([^']+)'(\s*rtrim)?/i;
const ICEBERG_VARCHAR = /\bVARCHAR\(134217728\)/gi;

/** SnowflakeColumn's: composite types kept whole, a COLLATE clause split off. */
function snowflakeFromDescription(p: ColumnProfile, q: string, name: string, raw: string) {
  const lower = raw.toLowerCase();
  if (['array', 'object', 'map', 'vector'].some((t) => lower.startsWith(t)))
    return new DbtColumn(p, q, name, raw.replace(ICEBERG_VARCHAR, 'VARCHAR(16777216)'));
  const collation = ['varchar', 'character varying', 'character', 'text'].some((t) =>
    lower.startsWith(t),
  )
    ? (COLLATE.exec(raw)?.[1] ?? null)
    : null;
  const base = baseFromDescription(p, q, name, raw.replace(COLLATE, '').trim());
  return new DbtColumn(
    p,
    q,
    name,
    base.dtype,
    base.char_size,
    base.numeric_precision,
    base.numeric_scale,
    collation,
  );
}

const SIZED_STRINGS = /^(character varying|varchar|character|char|bpchar|bit varying|bit)$/i;
const NUMERICS = /^(numeric|decimal)$/i;

/**
 * A Postgres/Redshift catalog type (`format_type`) as information_schema would split it, which
 * is what dbt's `get_columns_in_relation` reads: `character varying(256)` has char_size 256,
 * `numeric(12,2)` precision 12 and scale 2, `timestamp(3) without time zone` is
 * `timestamp without time zone` (information_schema reports no precision in the type).
 */
function fromCatalogType(p: ColumnProfile, q: string, def: ColumnDef): DbtColumn {
  const m = /^([^(]*?)\s*\((\d+)(?:\s*,\s*(\d+))?\)(.*)$/.exec(def.dataType);
  if (!m) return new DbtColumn(p, q, def.name, def.dataType);
  const [, base, a, b, rest] = m as unknown as [string, string, string, string | undefined, string];
  if (SIZED_STRINGS.test(base) && b === undefined && rest === '')
    return new DbtColumn(
      p,
      q,
      def.name,
      base === 'varchar' ? 'character varying' : base,
      Number(a),
    );
  if (NUMERICS.test(base) && rest === '')
    return new DbtColumn(p, q, def.name, base, null, Number(a), Number(b ?? 0));
  return new DbtColumn(p, q, def.name, `${base}${rest}`);
}
