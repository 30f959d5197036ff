{#
  dbt's number series and date spine, dispatched in the `dbt` namespace (see dbt_dates.sql).
#}

{#- How many powers of two it takes to count to `upper_bound`: the smallest n >= 1 with
    2^n >= upper_bound. -#}
{% macro get_powers_of_two(upper_bound) -%}
  {{ return(adapter.dispatch('get_powers_of_two', 'dbt')(upper_bound)) }}
{%- endmacro %}

{% macro default__get_powers_of_two(upper_bound) -%}
  {%- if upper_bound is not number or upper_bound < 1 -%}
    {{ exceptions.raise_compiler_error("dbt.get_powers_of_two: upper_bound must be a number >= 1, got " ~ upper_bound) }}
  {%- endif -%}
  {%- set below = [] -%}
  {%- for i in range(62) -%}
    {%- if 2 ** i < upper_bound -%}{%- do below.append(i) -%}{%- endif -%}
  {%- endfor -%}
  {{ return((below | length) if (below | length) > 0 else 1) }}
{%- endmacro %}

{#- A query of one column, `generated_number`, holding 1 … `upper_bound` (a number known when
    rendering): a cross join of two-row tables, one per power of two. -#}
{% macro generate_series(upper_bound) -%}
  {{ return(adapter.dispatch('generate_series', 'dbt')(upper_bound)) }}
{%- endmacro %}

{% macro default__generate_series(upper_bound) -%}
  {%- set n = dbt.get_powers_of_two(upper_bound) -%}
with bits as (
    select 0 as bit union all select 1
),
numbers as (
    select {% for i in range(n) %}b{{ i }}.bit * {{ 2 ** i }} + {% endfor %}1 as generated_number
    from {% for i in range(n) %}bits as b{{ i }}{{ ' cross join ' if not loop.last else '' }}{% endfor %}
)
select generated_number from numbers where generated_number <= {{ upper_bound }}
{%- endmacro %}

{#- The number of `datepart` intervals from `start_date` to `end_date`, asked of the warehouse,
    so it needs `run_query`; while parsing (execute is false) it is 1, as in dbt. -#}
{% macro get_intervals_between(start_date, end_date, datepart) -%}
  {{ return(adapter.dispatch('get_intervals_between', 'dbt')(start_date, end_date, datepart)) }}
{%- endmacro %}

{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
  {%- if not execute -%}
    {{ return(1) }}
  {%- endif -%}
  {%- set result = run_query('select ' ~ dbt.datediff(start_date, end_date, datepart)) -%}
  {{ return(result.columns[0].values()[0] | int) }}
{%- endmacro %}

{#- One `date_<datepart>` row per `datepart` from `start_date` (included) to `end_date` (not
    included). The count of rows is computed by the warehouse, so unlike dbt's it needs no
    query while rendering and is right at compile time too. -#}
{% macro date_spine(datepart, start_date, end_date) -%}
  {{ return(adapter.dispatch('date_spine', 'dbt')(datepart, start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_spine(datepart, start_date, end_date) -%}
with all_periods as (
    select {{ dbt.dateadd(datepart, 'spine_numbers.generated_number', start_date) }} as date_{{ datepart }}
    from {{ dbt.date_spine_numbers(dbt.datediff(start_date, end_date, datepart)) }} as spine_numbers
)
select * from all_periods where date_{{ datepart }} < {{ end_date }}
{%- endmacro %}

{#- tsmodel's helper for date_spine: a subquery of `generated_number` 0 … count - 1, where
    count is an SQL expression. -#}
{% macro date_spine_numbers(count) -%}
  {{ return(adapter.dispatch('date_spine_numbers', 'dbt')(count)) }}
{%- endmacro %}

{% macro default__date_spine_numbers(count) -%}
(with recursive spine(generated_number) as (
    select 0 where 0 < ({{ count }})
    union all
    select generated_number + 1 from spine where generated_number + 1 < ({{ count }})
) select generated_number from spine)
{%- endmacro %}

{% macro duckdb__date_spine_numbers(count) -%}
(select unnest(range(0, cast(({{ count }}) as bigint))) as generated_number)
{%- endmacro %}

{% macro postgres__date_spine_numbers(count) -%}
(select generate_series(0, cast(({{ count }}) as bigint) - 1) as generated_number)
{%- endmacro %}

{#- Redshift's generate_series runs only on the leader node. -#}
{% macro redshift__date_spine_numbers(count) -%}
  {{ dbt.default__date_spine_numbers(count) }}
{%- endmacro %}

{% macro snowflake__date_spine_numbers(count) -%}
(select value::bigint as generated_number from table(flatten(array_generate_range(0, ({{ count }})::integer))))
{%- endmacro %}
