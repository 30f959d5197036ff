import { expect } from 'vitest';
import { assertEqualCase, assertEqualYml, expectBuilt, type UtilsCase } from './utils-case';

/**
 * dbt's date_spine fixture passes bare strings except on PostgreSQL (`::date`) and BigQuery /
 * Redshift (casts); DuckDB cannot add an interval to a string literal (dbt-duckdb skips the
 * case), so it gets the casts too, as the fixture does for the engines that need them.
 */
const between = (pg: string, cast: string, bare: string) =>
  `{% if target.type == 'postgres' %}${pg}{% elif target.type == 'duckdb' %}${cast}{% else %}${bare}{% endif %}`;

/** dbt's date and series cases: dateadd … get_intervals_between, current_timestamp(s). */
export const DATE_CASES: UtilsCase[] = [
  assertEqualCase(
    'test_dateadd',
    'test_dateadd',
    `with data as (select * from {{ ref('data_dateadd') }})
select case
{%- for part in ['hour', 'day', 'month', 'year'] %}
  when datepart = '{{ part }}' then cast({{ dateadd(part, 'interval_length', 'from_time') }} as {{ type_timestamp() }})
{%- endfor %}
  else null end as actual,
  result as expected
from data
`,
    {
      data_dateadd: `from_time,interval_length,datepart,result
2019-03-15 04:00:00,1,day,2019-03-16 04:00:00
2019-03-15 04:00:00,1,month,2019-04-15 04:00:00
2019-03-15 04:00:00,1,year,2020-03-15 04:00:00
2019-03-15 04:00:00,1,hour,2019-03-15 05:00:00
,1,day,
`,
    },
    {
      files: {
        'seeds/data_dateadd.yml': `version: 2
seeds:
  - name: data_dateadd
    config:
      column_types: {from_time: timestamp, result: timestamp}
`,
      },
    },
  ),
  assertEqualCase(
    'test_datediff',
    'test_datediff',
    `with data as (select * from {{ ref('data_datediff') }})
select case
{%- for part in ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'] %}
  when datepart = '{{ part }}' then {{ datediff('first_date', 'second_date', part) }}
{%- endfor %}
  else null end as actual,
  result as expected
from data
{%- for part in ['microsecond', 'millisecond', 'second', 'minute', 'hour', 'day', 'month', 'quarter', 'year'] %}
union all select {{ datediff("'2011-12-31 23:59:59.999999'", "'2012-01-01 00:00:00.000000'", part) }} as actual, 1 as expected
{%- endfor %}
union all select {{ datediff("'2011-12-31 23:59:59.999999'", "'2012-01-02 00:00:00.000000'", 'week') }} as actual, 1 as expected
`,
    {
      data_datediff: `first_date,second_date,datepart,result
2020-03-01 10:00:00,2020-03-02 10:00:00,day,1
2020-03-01 10:00:00,2020-04-01 10:00:00,month,1
2020-03-01 10:00:00,2021-03-01 10:00:00,year,1
2020-03-01 10:00:00,2020-03-01 11:00:00,hour,1
2020-03-01 10:00:00,2020-03-01 11:01:00,minute,61
2020-03-01 10:00:00,2020-03-01 11:00:01,second,3601
2021-06-16 00:00:00,2021-06-12 00:00:00,week,-1
2021-06-16 00:00:00,2021-06-14 00:00:00,week,0
2021-06-16 00:00:00,2021-06-18 00:00:00,week,0
2021-06-16 00:00:00,2021-06-21 03:00:00,week,1
,2020-03-01 11:00:00,hour,
2020-03-01 11:00:00,,hour,
`,
    },
  ),
  assertEqualCase(
    'test_date_trunc',
    'test_date_trunc',
    `with data as (select * from {{ ref('data_date_trunc') }})
select cast({{ date_trunc('day', 'updated_at') }} as date) as actual, day as expected from data
union all
select cast({{ date_trunc('month', 'updated_at') }} as date) as actual, month as expected from data
`,
    { data_date_trunc: 'updated_at,day,month\n2019-07-19 08:30:00,2019-07-19,2019-07-01\n,,\n' },
  ),
  assertEqualCase(
    'test_last_day',
    'test_last_day',
    `with data as (select * from {{ ref('data_last_day') }})
select case
{%- for part in ['month', 'quarter', 'year'] %}
  when date_part = '{{ part }}' then {{ last_day('date_day', part) }}
{%- endfor %}
  else null end as actual,
  result as expected
from data
`,
    {
      data_last_day:
        'date_day,date_part,result\n2019-05-14,month,2019-05-31\n2019-05-14,quarter,2019-06-30\n2019-05-14,year,2019-12-31\n,month,\n',
    },
  ),
  {
    name: 'test_date',
    files: {
      'models/test_date.sql': `with generated_dates as (
  {{ dbt.date_spine("day", date(2022, 2, 26), date(2022, 3, 1)) }}
), expected_dates as (
  select cast('2022-02-26' as date) as expected
  union all select cast('2022-02-27' as date)
  union all select cast('2022-02-28' as date)
)
select generated_dates.date_day, expected_dates.expected
from generated_dates full outer join expected_dates on generated_dates.date_day = expected_dates.expected
`,
      'models/test_date.yml': assertEqualYml('test_date', 'date_day', 'expected'),
    },
    async check(p, build) {
      expectBuilt(p, build, ['test_date'], ['test_date']);
    },
  },
  {
    name: 'test_date_spine',
    files: {
      'models/test_date_spine.sql': `with generated_dates as (
  ${between(
    `{{ date_spine("day", "'2021-12-28'::date", "'2022-01-03'::date") }}`,
    `{{ date_spine("day", "cast('2021-12-28' as date)", "cast('2022-01-03' as date)") }}`,
    `{{ date_spine("day", "'2021-12-28'", "'2022-01-03'") }}`,
  )}
), expected_dates as (
{%- for d in ['2021-12-28', '2021-12-29', '2021-12-30', '2021-12-31', '2022-01-01', '2022-01-02'] %}
  select ${between(`'{{ d }}'::date`, `cast('{{ d }}' as date)`, `'{{ d }}'`)} as expected {{ 'union all' if not loop.last }}
{%- endfor %}
)
select generated_dates.date_day, expected_dates.expected
from generated_dates left join expected_dates on generated_dates.date_day = expected_dates.expected
`,
      'models/test_date_spine.yml': assertEqualYml('test_date_spine', 'date_day', 'expected'),
    },
    async check(p, build) {
      expectBuilt(p, build, ['test_date_spine'], ['test_date_spine']);
      expect(await p.rowCount('test_date_spine')).toBe(6);
    },
  },
  {
    name: 'test_generate_series',
    files: {
      'models/test_generate_series.sql': `with generated_numbers as (
  {{ dbt.generate_series(7) }}
), expected_numbers as (
{%- for n in range(1, 8) %}
  select {{ n }} as expected {{ 'union all' if not loop.last }}
{%- endfor %}
)
select generated_numbers.generated_number, expected_numbers.expected
from generated_numbers left join expected_numbers on generated_numbers.generated_number = expected_numbers.expected
`,
      'models/test_generate_series.yml': assertEqualYml(
        'test_generate_series',
        'generated_number',
        'expected',
      ),
    },
    async check(p, build) {
      expectBuilt(p, build, ['test_generate_series'], ['test_generate_series']);
      expect(await p.rowCount('test_generate_series')).toBe(7);
    },
  },
  {
    name: 'test_get_intervals_between',
    awaiting: 'runtime',
    files: {
      'models/test_get_intervals_between.sql': `select
  {{ get_intervals_between("cast('2022-11-20' as date)", "cast('2022-12-01' as date)", "day") }} as intervals,
  11 as expected
`,
      'models/test_get_intervals_between.yml': assertEqualYml(
        'test_get_intervals_between',
        'intervals',
        'expected',
      ),
    },
    async check(p, build) {
      expectBuilt(p, build, ['test_get_intervals_between'], ['test_get_intervals_between']);
    },
  },
  assertEqualCase(
    'test_get_powers_of_two',
    'test_get_powers_of_two',
    [
      [2, 1],
      [9, 4],
      [100, 7],
      [1000, 10],
      [65536, 16],
    ]
      .map(([n, e]) => `select {{ get_powers_of_two(${n}) }} as actual, ${e} as expected`)
      .join('\nunion all\n'),
  ),
  {
    name: 'test_current_timestamp',
    files: {
      'models/current_ts.sql': 'select {{ dbt.current_timestamp() }} as current_ts_column\n',
    },
    async check(p, build) {
      expectBuilt(p, build, ['current_ts']);
      const [col] = await p.columns('current_ts');
      // dbt's TestCurrentTimestamp is the time-zone-aware variant.
      expect(col!.dataType.toLowerCase()).toMatch(/with time zone|timestamptz/);
      const [row] = await p.query(`select current_ts_column as v from ${p.relation('current_ts')}`);
      const seen = new Date(row!.v as string | number | Date).getTime();
      expect(Math.abs(seen - Date.now())).toBeLessThan(5 * 60_000);
    },
  },
];
