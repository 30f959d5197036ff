import { TemplateEngine, internalMacroFiles } from '@tsmodel/core';

/** Dispatch parents of the built-in adapters (the plugins say so at run time). */
const PARENT_TYPES: Record<string, string[]> = { redshift: ['postgres'] };

/**
 * One call of a `dbt.` macro with the value it must give on a real engine. `sql` is a template
 * selecting one row with one column `v`; runners compare `cast(v as varchar)` with `expected`
 * (per adapter where the engines print a value differently, e.g. arrays).
 */
export interface DbtMacroCase {
  name: string;
  sql: string;
  expected: string | null | Partial<Record<string, string | null>>;
  /** Adapters the case runs on (all when absent): a behaviour only some engines have. */
  only?: string[];
}

const d = (iso: string) => `"cast('${iso}' as date)"`;
const ts = (iso: string) => `"cast('${iso}' as timestamp)"`;
const asDate = (expr: string) => `select cast({{ ${expr} }} as date) as v`;
const three = "(select 'b' as x union all select 'a' union all select 'c') t";

/** The dbt namespace's cross-database macros, each with its value (written from dbt's docs). */
export const DBT_MACRO_CASES: DbtMacroCase[] = [
  // dates
  {
    name: 'dateadd day',
    sql: asDate(`dbt.dateadd('day', 3, ${d('2024-01-30')})`),
    expected: '2024-02-02',
  },
  {
    name: 'dateadd month end',
    sql: asDate(`dbt.dateadd('month', 1, ${d('2024-01-31')})`),
    expected: '2024-02-29',
  },
  {
    name: 'dateadd quarter back',
    sql: asDate(`dbt.dateadd('quarter', -1, ${d('2024-05-15')})`),
    expected: '2024-02-15',
  },
  {
    name: 'dateadd bare week',
    sql: asDate(`dateadd('week', 2, ${d('2024-01-01')})`),
    expected: '2024-01-15',
  },
  {
    // dbt_utils' date_spine passes dates as quoted strings on most adapters.
    name: 'dateadd from a quoted string',
    sql: asDate(`dbt.dateadd('day', 9, "'2018-01-01'")`),
    expected: '2018-01-10',
  },
  {
    name: 'dateadd hour',
    sql: `select cast({{ dbt.dateadd('hour', 25, ${ts('2024-01-01 00:00:00')}) }} as timestamp) as v`,
    expected: '2024-01-02 01:00:00',
  },
  {
    name: 'datediff day',
    sql: `select {{ dbt.datediff(${d('2024-01-01')}, ${d('2024-03-01')}, 'day') }} as v`,
    expected: '60',
  },
  {
    name: 'datediff negative',
    sql: `select {{ dbt.datediff(${d('2024-01-10')}, ${d('2024-01-01')}, 'day') }} as v`,
    expected: '-9',
  },
  {
    name: 'datediff month boundary',
    sql: `select {{ dbt.datediff(${d('2024-01-31')}, ${d('2024-02-01')}, 'month') }} as v`,
    expected: '1',
  },
  {
    name: 'datediff quarter',
    sql: `select {{ dbt.datediff(${d('2024-03-31')}, ${d('2024-04-01')}, 'quarter') }} as v`,
    expected: '1',
  },
  {
    name: 'datediff year',
    sql: `select {{ datediff(${d('2023-12-31')}, ${d('2024-01-01')}, 'year') }} as v`,
    expected: '1',
  },
  {
    name: 'datediff week (Sunday to Monday)',
    sql: `select {{ dbt.datediff(${d('2024-01-07')}, ${d('2024-01-08')}, 'week') }} as v`,
    expected: '1',
  },
  {
    name: 'datediff week (within a week)',
    sql: `select {{ dbt.datediff(${d('2024-01-08')}, ${d('2024-01-14')}, 'week') }} as v`,
    expected: '0',
  },
  {
    name: 'datediff hour',
    sql: `select {{ dbt.datediff(${ts('2024-01-01 23:59:00')}, ${ts('2024-01-02 00:01:00')}, 'hour') }} as v`,
    expected: '1',
  },
  {
    name: 'datediff second',
    sql: `select {{ dbt.datediff(${ts('2024-01-01 10:00:00.900')}, ${ts('2024-01-01 10:30:00.100')}, 'second') }} as v`,
    expected: '1800',
  },
  {
    name: 'date_trunc month',
    sql: asDate(`dbt.date_trunc('month', ${d('2024-01-15')})`),
    expected: '2024-01-01',
  },
  {
    name: 'date_trunc week',
    sql: asDate(`dbt.date_trunc('week', ${d('2024-01-10')})`),
    expected: '2024-01-08',
  },
  {
    name: 'last_day month',
    sql: asDate(`dbt.last_day(${d('2024-02-10')}, 'month')`),
    expected: '2024-02-29',
  },
  {
    name: 'last_day quarter',
    sql: asDate(`dbt.last_day(${d('2024-05-10')}, 'quarter')`),
    expected: '2024-06-30',
  },
  {
    name: 'last_day year',
    sql: asDate(`last_day(${d('2024-05-10')}, 'year')`),
    expected: '2024-12-31',
  },
  { name: 'date', sql: `select {{ dbt.date(2024, 2, 9) }} as v`, expected: '2024-02-09' },
  {
    name: 'current_timestamp',
    sql: `select cast({{ dbt.current_timestamp() }} as date) >= {{ dbt.date(2024, 1, 1) }} as v`,
    expected: 'true',
  },
  {
    name: 'current_timestamp_backcompat',
    sql: `select {{ dbt.datediff(dbt.current_timestamp_backcompat(), "cast(current_timestamp as timestamp)", 'minute') }} as v`,
    expected: '0',
  },
  {
    name: 'current_timestamp_in_utc_backcompat',
    sql: `select cast({{ dbt.current_timestamp_in_utc_backcompat() }} as date) >= {{ dbt.date(2024, 1, 1) }} as v`,
    expected: 'true',
  },
  // strings
  {
    name: 'split_part',
    sql: `select {{ dbt.split_part("'a,b,c'", "','", 2) }} as v`,
    expected: 'b',
  },
  {
    name: 'split_part negative',
    sql: `select {{ dbt.split_part("'a,b,c'", "','", -1) }} as v`,
    expected: 'c',
  },
  {
    name: 'split_part missing',
    sql: `select {{ split_part("'a,b'", "','", 5) }} as v`,
    expected: '',
  },
  {
    name: 'replace',
    sql: `select {{ dbt.replace("'a,b,c'", "','", "'-'") }} as v`,
    expected: 'a-b-c',
  },
  { name: 'concat', sql: `select {{ dbt.concat(["'a'", "'b'", "'c'"]) }} as v`, expected: 'abc' },
  {
    name: 'hash',
    sql: `select {{ dbt.hash("'abc'") }} as v`,
    expected: '900150983cd24fb0d6963f7d28e17f72',
  },
  { name: 'length', sql: `select {{ dbt.length("'abcd'") }} as v`, expected: '4' },
  { name: 'position', sql: `select {{ dbt.position("'c'", "'abcd'") }} as v`, expected: '3' },
  { name: 'position absent', sql: `select {{ position("'z'", "'abcd'") }} as v`, expected: '0' },
  { name: 'right', sql: `select {{ dbt.right("'abcd'", 2) }} as v`, expected: 'cd' },
  {
    name: 'safe_cast',
    sql: `select {{ dbt.safe_cast("'12'", dbt.type_int()) }} as v`,
    expected: '12',
  },
  {
    name: 'safe_cast of a bad value is null',
    sql: `select {{ dbt.safe_cast("'twelve'", dbt.type_int()) }} as v`,
    expected: null,
    only: ['duckdb', 'snowflake'],
  },
  {
    name: 'cast_bool_to_text',
    sql: `select {{ dbt.cast_bool_to_text('1 = 1') }} as v`,
    expected: 'true',
  },
  {
    name: 'cast_bool_to_text false',
    sql: `select {{ dbt.cast_bool_to_text('1 = 2') }} as v`,
    expected: 'false',
  },
  { name: 'string_literal', sql: `select {{ dbt.string_literal("abc") }} as v`, expected: 'abc' },
  {
    // As packages write it: escaped once, by escape_single_quotes, never again by string_literal.
    name: 'string_literal of an escaped value',
    sql: `select {{ dbt.string_literal(dbt.escape_single_quotes("it's")) }} as v`,
    expected: "it's",
  },
  {
    name: 'escape_single_quotes',
    sql: `select '{{ dbt.escape_single_quotes("a'b") }}' as v`,
    expected: "a'b",
  },
  // aggregates and set operators
  {
    name: 'listagg ordered',
    sql: `select {{ dbt.listagg('x', "','", 'order by x') }} as v from ${three}`,
    expected: 'a,b,c',
  },
  {
    name: 'listagg limited',
    sql: `select {{ dbt.listagg('x', "'|'", 'order by x desc', 2) }} as v from ${three}`,
    expected: 'c|b',
    only: ['duckdb', 'postgres', 'snowflake'],
  },
  {
    name: 'bool_or',
    sql: `select {{ dbt.bool_or('x') }} as v from (select false as x union all select true) t`,
    expected: 'true',
  },
  {
    name: 'any_value',
    sql: `select {{ dbt.any_value('x') }} as v from (select 'a' as x union all select 'a') t`,
    expected: 'a',
  },
  {
    name: 'except',
    sql: `select count(*) as v from (select 1 as x union all select 2 {{ dbt.except() }} select 2) t`,
    expected: '1',
  },
  {
    name: 'intersect',
    sql: `select count(*) as v from (select 1 as x {{ dbt.intersect() }} select 1) t`,
    expected: '1',
  },
  // arrays
  {
    name: 'array_append',
    sql: `select {{ dbt.array_append(dbt.array_construct(["'a'", "'b'"], dbt.type_string()), "'c'") }} as v`,
    expected: { duckdb: '[a, b, c]', postgres: '{a,b,c}' },
    only: ['duckdb', 'postgres', 'snowflake'],
  },
  {
    name: 'array_concat',
    sql: `select {{ dbt.array_concat(dbt.array_construct(['1', '2'], 'integer'), dbt.array_construct(['3'], 'integer')) }} as v`,
    expected: { duckdb: '[1, 2, 3]', postgres: '{1,2,3}' },
    only: ['duckdb', 'postgres', 'snowflake'],
  },
  {
    name: 'array_construct empty',
    sql: `select {{ array_construct([], 'integer') }} as v`,
    expected: { duckdb: '[]', postgres: '{}' },
    only: ['duckdb', 'postgres', 'snowflake'],
  },
  {
    name: 'array_construct',
    sql: `select {{ dbt.array_construct(["'a'", "'b'"], dbt.type_string()) }} as v`,
    expected: { duckdb: '[a, b]', postgres: '{a,b}' },
    only: ['duckdb', 'postgres', 'snowflake'],
  },
  {
    // The element type is for an empty array only: a list of strings stays one.
    name: 'array_construct of strings without a data_type',
    sql: `select {{ dbt.array_append(dbt.array_construct(["'a'"]), "'b'") }} as v`,
    expected: { duckdb: '[a, b]', postgres: '{a,b}' },
    only: ['duckdb', 'postgres', 'snowflake'],
  },
  {
    // dbt's default element type is integer (`api.Column.translate_type('integer')`).
    name: 'array_construct of the default type',
    sql: `select {{ dbt.array_append(dbt.array_construct([1, 2]), 3) }} as v`,
    expected: { duckdb: '[1, 2, 3]', postgres: '{1,2,3}' },
    only: ['duckdb', 'postgres', 'snowflake'],
  },
  // types
  {
    name: 'type_string',
    sql: `select cast(12 as {{ dbt.type_string() }}) = '12' as v`,
    expected: 'true',
  },
  {
    name: 'type_timestamp',
    sql: `select cast('2024-01-02 03:04:05' as {{ dbt.type_timestamp() }}) as v`,
    expected: '2024-01-02 03:04:05',
  },
  {
    name: 'type_float',
    sql: `select cast('1.5' as {{ dbt.type_float() }}) * 2 = 3 as v`,
    expected: 'true',
  },
  {
    name: 'type_numeric',
    sql: `select cast('1.25' as {{ dbt.type_numeric() }}) * 4 = 5 as v`,
    expected: 'true',
  },
  {
    name: 'type_bigint',
    sql: `select cast('9007199254740993' as {{ dbt.type_bigint() }}) as v`,
    expected: '9007199254740993',
  },
  { name: 'type_int', sql: `select cast('7' as {{ type_int() }}) + 1 as v`, expected: '8' },
  {
    name: 'type_boolean',
    sql: `select cast('true' as {{ dbt.type_boolean() }}) as v`,
    expected: 'true',
  },
  // series
  { name: 'get_powers_of_two', sql: `select {{ dbt.get_powers_of_two(5) }} as v`, expected: '3' },
  {
    name: 'generate_series',
    sql: `select count(*) * 1000 + sum(generated_number) as v from ({{ dbt.generate_series(10) }}) s`,
    expected: '10055',
  },
  {
    name: 'generate_series of one',
    sql: `select count(*) * 1000 + sum(generated_number) as v from ({{ dbt.generate_series(1) }}) s`,
    expected: '1001',
  },
  {
    name: 'date_spine days',
    sql: `select count(*) as v from ({{ dbt.date_spine('day', ${d('2024-01-01')}, ${d('2024-01-10')}) }}) s`,
    expected: '9',
  },
  {
    name: 'date_spine last day is before the end',
    sql: `select cast(max(date_day) as date) as v from ({{ dbt.date_spine('day', ${d('2024-01-01')}, ${d('2024-01-10')}) }}) s`,
    expected: '2024-01-09',
  },
  {
    name: 'date_spine months',
    sql: `select count(*) as v from ({{ date_spine('month', ${d('2024-01-01')}, ${d('2024-06-01')}) }}) s`,
    expected: '5',
  },
  {
    name: 'date_spine empty',
    sql: `select count(*) as v from ({{ dbt.date_spine('day', ${d('2024-01-10')}, ${d('2024-01-01')}) }}) s`,
    expected: '0',
  },
  {
    name: 'get_intervals_between while parsing',
    sql: `select {{ dbt.get_intervals_between(${d('2024-01-01')}, ${d('2024-01-10')}, 'day') }} as v`,
    expected: '1',
  },
  // helpers and naming
  {
    name: 'should_full_refresh',
    sql: `select {{ dbt.should_full_refresh() }} as v`,
    expected: 'false',
  },
  {
    name: 'should_full_refresh configured',
    sql: `{{ config(full_refresh=true) }}select {{ should_full_refresh() }} as v`,
    expected: 'true',
  },
  {
    name: 'should_store_failures',
    sql: `{{ config(store_failures=true) }}select {{ dbt.should_store_failures() }} as v`,
    expected: 'true',
  },
  {
    name: 'get_where_subquery',
    sql: `select count(*) as v from {{ dbt.get_where_subquery('(select 1 as x union all select 2) t') }}`,
    expected: '2',
  },
  {
    name: 'get_where_subquery with where',
    sql: `{{ config(where='x > 1') }}select count(*) as v from {{ get_where_subquery('(select 1 as x union all select 2) t') }}`,
    expected: '1',
  },
  {
    name: 'generate_schema_name',
    sql: `select '{{ dbt.generate_schema_name('custom') }}|{{ generate_schema_name(none) }}' as v`,
    expected: 'main_custom|main',
  },
  {
    name: 'generate_alias_name',
    sql: `select '{{ dbt.generate_alias_name(' custom ') }}|{{ generate_alias_name(none, {'name': 'orders'}) }}' as v`,
    expected: 'custom|orders',
  },
  {
    name: 'generate_database_name',
    sql: `select '{{ dbt.generate_database_name('analytics') }}' as v`,
    expected: 'analytics',
  },
];

/** The value `c` must give on `adapterType`. */
export function expectedValue(c: DbtMacroCase, adapterType: string): string | null {
  if (c.expected === null || typeof c.expected === 'string') return c.expected;
  const value = c.expected[adapterType];
  if (value === undefined)
    throw new Error(`case '${c.name}' has no expected value for ${adapterType}`);
  return value;
}

/** Cases that apply to `adapterType`. */
export function dbtMacroCasesFor(adapterType: string): DbtMacroCase[] {
  return DBT_MACRO_CASES.filter((c) => !c.only || c.only.includes(adapterType));
}

/** Renders a case's template as tsmodel would for a target of `adapterType`. */
export function renderDbtMacroSql(adapterType: string, sql: string): string {
  const target = {
    uniqueId: 'model.cases.case',
    name: 'case',
    packageName: 'cases',
    resourceType: 'model',
    file: 'models/case.sql',
    baseConfig: {},
  };
  return engineFor(adapterType)
    .render(target, sql, { isIncremental: false, execute: false })
    .sql.trim();
}

const engines = new Map<string, TemplateEngine>();

function engineFor(adapterType: string): TemplateEngine {
  const known = engines.get(adapterType);
  if (known) return known;
  const engine = new TemplateEngine({
    rootProject: 'cases',
    target: { type: adapterType, name: 'dev', profile_name: 'cases', schema: 'main', threads: 1 },
    dialect: {
      type: adapterType,
      dispatchOrder: [adapterType, ...(PARENT_TYPES[adapterType] ?? [])],
      quoteCharacter: '"',
    },
    vars: () => ({ found: false }),
    env: {},
    dispatch: [],
    invocationId: 'cases',
    runStartedAt: new Date(0),
  });
  const problems = engine.loadMacros(internalMacroFiles());
  if (problems.length > 0) throw problems[0];
  engines.set(adapterType, engine);
  return engine;
}

/** The query a runner sends: the case's value as text. */
export function dbtMacroCaseQuery(adapterType: string, c: DbtMacroCase): string {
  return `select cast(v as varchar) as v from (${renderDbtMacroSql(adapterType, c.sql)}) as dbt_case`;
}
