import type { ColumnDef } from '../adapter/dialect';
import { TsmodelError } from '../diagnostics';
import type { FixtureRow } from './types';

/** The quoting a fixture's SQL needs of the target's dialect. */
export interface FixtureDialect {
  quoteIdentifier(name: string): string;
  quoteString(value: string): string;
}

/** The column of the CTE the comparison query tells actual rows from expected ones by. */
export const ACTUAL_OR_EXPECTED = 'actual_or_expected';

/**
 * A value as written in a fixture, as a SQL literal to cast: text quoted (dbt's
 * `string_literal`), numbers and booleans as they are, null as `null`, and anything else
 * (a date YAML parsed, a list, a mapping) as the text of its JSON.
 */
export function sqlLiteral(value: unknown, dialect: FixtureDialect): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return dialect.quoteString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : dialect.quoteString(String(value));
  if (value instanceof Date) return dialect.quoteString(value.toISOString());
  return dialect.quoteString(JSON.stringify(value));
}

/** dbt's `safe_cast(value, type)` on every engine here. */
export function castTo(literal: string, type: string): string {
  return `cast(${literal} as ${type})`;
}

/** Looks columns up as dbt does: case-insensitively. */
function byLowerName(columns: readonly ColumnDef[]): Map<string, ColumnDef> {
  return new Map(columns.map((c) => [c.name.toLowerCase(), c]));
}

/**
 * A fixture's column that its relation does not have. Thrown with dbt's words; the runner
 * adds the unit test and its file.
 */
export function invalidColumn(
  column: string,
  fixture: string,
  accepted: readonly ColumnDef[],
): TsmodelError {
  return new TsmodelError({
    code: 'unit-test-column',
    message: `Invalid column name: '${column}' in unit test fixture for ${fixture}. Accepted columns for ${fixture} are: [${accepted.map((c) => c.name).join(', ')}]`,
    hint: 'rename the key in the rows to one of the accepted columns',
  });
}

/**
 * A `given:` input's rows as a query with exactly the input relation's columns and types:
 * each value cast to its column's type, a column a row leaves out null of that type (dbt's
 * `get_fixture_sql`). No rows: one typed row under `limit 0`.
 */
export function fixtureSelect(
  rows: readonly FixtureRow[],
  columns: readonly ColumnDef[],
  dialect: FixtureDialect,
  fixture: string,
): string {
  const known = byLowerName(columns);
  const select = (row: FixtureRow | undefined) => {
    const given = new Map<string, unknown>();
    for (const [key, value] of Object.entries(row ?? {})) {
      if (!known.has(key.toLowerCase())) throw invalidColumn(key, fixture, columns);
      given.set(key.toLowerCase(), value);
    }
    const items = columns.map(
      (c) =>
        `${castTo(sqlLiteral(given.get(c.name.toLowerCase()), dialect), c.dataType)} as ${dialect.quoteIdentifier(c.name)}`,
    );
    return `select ${items.join(', ')}`;
  };
  if (rows.length === 0) return `${select(undefined)}\nlimit 0`;
  return rows.map(select).join('\nunion all\n');
}

/**
 * The columns `expect:` compares, in the model's spelling: every key any expected row names
 * (dbt compares only these), or all of the model's columns when there are no rows to name them.
 */
export function expectedColumns(
  rows: readonly FixtureRow[],
  model: readonly ColumnDef[],
): ColumnDef[] {
  if (rows.length === 0) return [...model];
  const known = byLowerName(model);
  const picked = new Map<string, ColumnDef>();
  for (const row of rows)
    for (const key of Object.keys(row)) {
      const column = known.get(key.toLowerCase());
      if (!column) throw invalidColumn(key, 'expected output', model);
      picked.set(column.name, column);
    }
  return [...picked.values()];
}

/**
 * The expected rows as a query over `columns`, each value cast to the type the model returns
 * for it, so both sides compare as the same types. No rows: the actual rows under `limit 0`.
 */
export function expectedSelect(
  rows: readonly FixtureRow[],
  columns: readonly ColumnDef[],
  dialect: FixtureDialect,
): string {
  if (rows.length === 0) return 'select * from dbt_internal_unit_test_actual\nlimit 0';
  return rows
    .map((row) => {
      const given = new Map(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
      const items = columns.map(
        (c) =>
          `${castTo(sqlLiteral(given.get(c.name.toLowerCase()), dialect), c.dataType)} as ${dialect.quoteIdentifier(c.name)}`,
      );
      return `select ${items.join(', ')}`;
    })
    .join('\nunion all\n');
}

/** A query's columns and types without its rows: what the scratch table is created from. */
export function emptySubquery(sql: string): string {
  return `select * from (\n${sql.trim()}\n) as __dbt_sbq\nwhere false\nlimit 0`;
}

/**
 * dbt's `get_unit_test_sql`: the model's rows and the expected rows over the compared
 * columns, each tagged `actual` or `expected`, in one result the runner splits and compares.
 */
export function unitTestSql(
  actual: string,
  expected: string,
  columns: readonly string[],
  dialect: FixtureDialect,
): string {
  const list = columns.map((c) => dialect.quoteIdentifier(c)).join(', ');
  const tag = dialect.quoteIdentifier(ACTUAL_OR_EXPECTED);
  return [
    '-- Build actual result given inputs',
    'with dbt_internal_unit_test_actual as (',
    `  select ${list}, ${dialect.quoteString('actual')} as ${tag}`,
    '  from (',
    actual.trim(),
    '  ) _dbt_internal_unit_test_actual',
    '),',
    '-- Build expected result',
    'dbt_internal_unit_test_expected as (',
    `  select ${list}, ${dialect.quoteString('expected')} as ${tag}`,
    '  from (',
    expected.trim(),
    '  ) _dbt_internal_unit_test_expected',
    ')',
    '-- Union actual and expected results',
    'select * from dbt_internal_unit_test_actual',
    'union all',
    'select * from dbt_internal_unit_test_expected',
  ].join('\n');
}
