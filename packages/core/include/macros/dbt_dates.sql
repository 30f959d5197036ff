{#
  dbt's cross-database date macros (`dbt.dateadd`, `dbt.datediff`, …), written from dbt's
  documented behaviour. Each dispatches in the `dbt` namespace, so a project overrides one for an
  adapter with `dispatch: [{macro_namespace: dbt, search_order: [my_project, dbt]}]` and a
  `<adapter>__<name>` macro of its own. `datepart` is a bare word (day, month, …), dates and
  intervals are SQL expressions.
#}

{% macro dateadd(datepart, interval, from_date_or_timestamp) -%}
  {{ return(adapter.dispatch('dateadd', 'dbt')(datepart, interval, from_date_or_timestamp)) }}
{%- endmacro %}

{% macro default__dateadd(datepart, interval, from_date_or_timestamp) -%}
  dateadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}

{#- A quoted string such as `'2018-01-01'` has no type of its own in DuckDB's or PostgreSQL's
    `+` (DuckDB cannot choose among date, timestamp and timestamptz; PostgreSQL reads it as an
    interval), while dateadd() on Snowflake and Redshift reads it as a timestamp: so do we.
    Any other expression keeps its type (a timestamptz stays one). -#}
{% macro dateadd_operand(from_date_or_timestamp) -%}
  {%- set text = from_date_or_timestamp | string | trim -%}
  {%- set inner = text[1:-1] | replace("''", "") -%}
  {%- if text | length >= 2 and text[:1] == "'" and text[-1:] == "'" and "'" not in inner -%}
    cast({{ text }} as timestamp)
  {%- else -%}
    {{ from_date_or_timestamp }}
  {%- endif -%}
{%- endmacro %}

{% macro duckdb__dateadd(datepart, interval, from_date_or_timestamp) -%}
  ({{ dbt.dateadd_operand(from_date_or_timestamp) }} + interval ({{ interval }}) {{ datepart }})
{%- endmacro %}

{#- PostgreSQL has no quarter unit in interval literals: a quarter is three months. -#}
{% macro postgres__dateadd(datepart, interval, from_date_or_timestamp) -%}
  ({{ dbt.dateadd_operand(from_date_or_timestamp) }} + ((interval '{{ '3 month' if datepart == 'quarter' else '1 ' ~ datepart }}') * ({{ interval }})))
{%- endmacro %}

{% macro redshift__dateadd(datepart, interval, from_date_or_timestamp) -%}
  dateadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}

{#- Whole `datepart` boundaries crossed from `first_date` to `second_date` (negative when the
    second is earlier): 2024-01-31 → 2024-02-01 is one month. Weeks start on Monday. -#}
{% macro datediff(first_date, second_date, datepart) -%}
  {{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}
{%- endmacro %}

{% macro default__datediff(first_date, second_date, datepart) -%}
  datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}

{#- DuckDB counts whole weeks for 'week': count Monday boundaries instead, as the others do. -#}
{% macro duckdb__datediff(first_date, second_date, datepart) -%}
  {%- if datepart == 'week' -%}
  (date_diff('day', date_trunc('week', cast({{ first_date }} as timestamp)), date_trunc('week', cast({{ second_date }} as timestamp))) // 7)
  {%- else -%}
  date_diff('{{ datepart }}', cast({{ first_date }} as timestamp), cast({{ second_date }} as timestamp))
  {%- endif -%}
{%- endmacro %}

{#- PostgreSQL has no datediff: each part is the coarser part's difference scaled, plus its own. -#}
{% macro postgres__datediff(first_date, second_date, datepart) -%}
  {%- set a = 'cast(' ~ first_date ~ ' as timestamp)' -%}
  {%- set b = 'cast(' ~ second_date ~ ' as timestamp)' -%}
  {%- set years = '(date_part(\'year\', ' ~ b ~ ') - date_part(\'year\', ' ~ a ~ '))' -%}
  {%- set days = '(cast(' ~ b ~ ' as date) - cast(' ~ a ~ ' as date))' -%}
  {%- set hours = '(' ~ days ~ ' * 24 + date_part(\'hour\', ' ~ b ~ ') - date_part(\'hour\', ' ~ a ~ '))' -%}
  {%- set minutes = '(' ~ hours ~ ' * 60 + date_part(\'minute\', ' ~ b ~ ') - date_part(\'minute\', ' ~ a ~ '))' -%}
  {%- set seconds = '(' ~ minutes ~ ' * 60 + floor(date_part(\'second\', ' ~ b ~ ')) - floor(date_part(\'second\', ' ~ a ~ ')))' -%}
  {%- if datepart == 'year' -%}
    cast({{ years }} as bigint)
  {%- elif datepart == 'quarter' -%}
    cast(({{ years }} * 4 + date_part('quarter', {{ b }}) - date_part('quarter', {{ a }})) as bigint)
  {%- elif datepart == 'month' -%}
    cast(({{ years }} * 12 + date_part('month', {{ b }}) - date_part('month', {{ a }})) as bigint)
  {%- elif datepart == 'week' -%}
    cast((cast(date_trunc('week', {{ b }}) as date) - cast(date_trunc('week', {{ a }}) as date)) / 7 as bigint)
  {%- elif datepart == 'day' -%}
    cast({{ days }} as bigint)
  {%- elif datepart == 'hour' -%}
    cast({{ hours }} as bigint)
  {%- elif datepart == 'minute' -%}
    cast({{ minutes }} as bigint)
  {%- elif datepart == 'second' -%}
    cast({{ seconds }} as bigint)
  {%- elif datepart == 'millisecond' -%}
    cast(({{ seconds }} * 1000 + floor(date_part('millisecond', {{ b }})) % 1000 - floor(date_part('millisecond', {{ a }})) % 1000) as bigint)
  {%- elif datepart == 'microsecond' -%}
    cast(({{ seconds }} * 1000000 + floor(date_part('microsecond', {{ b }})) % 1000000 - floor(date_part('microsecond', {{ a }})) % 1000000) as bigint)
  {%- else -%}
    {{ exceptions.raise_compiler_error("dbt.datediff: unsupported datepart '" ~ datepart ~ "' on " ~ adapter.type() ~ " (year, quarter, month, week, day, hour, minute, second, millisecond, microsecond)") }}
  {%- endif -%}
{%- endmacro %}

{#- Redshift has a native datediff; it must not inherit PostgreSQL's composed form. -#}
{% macro redshift__datediff(first_date, second_date, datepart) -%}
  datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}

{% macro date_trunc(datepart, date) -%}
  {{ return(adapter.dispatch('date_trunc', 'dbt')(datepart, date)) }}
{%- endmacro %}

{% macro default__date_trunc(datepart, date) -%}
  date_trunc('{{ datepart }}', {{ date }})
{%- endmacro %}

{#- The last day (a date) of the `datepart` period holding `date`: month, quarter or year. -#}
{% macro last_day(date, datepart) -%}
  {{ return(adapter.dispatch('last_day', 'dbt')(date, datepart)) }}
{%- endmacro %}

{% macro default__last_day(date, datepart) -%}
  cast({{ dbt.dateadd('day', '-1', dbt.dateadd(datepart, '1', dbt.date_trunc(datepart, date))) }} as date)
{%- endmacro %}

{% macro snowflake__last_day(date, datepart) -%}
  last_day({{ date }}, '{{ datepart }}')
{%- endmacro %}

{#- A date literal from its parts: dbt.date(2024, 2, 29) is 2024-02-29. -#}
{% macro date(year, month, day) -%}
  {{ return(adapter.dispatch('date', 'dbt')(year, month, day)) }}
{%- endmacro %}

{% macro default__date(year, month, day) -%}
  {%- set mm = ('0' ~ month) if (month | int) < 10 else month -%}
  {%- set dd = ('0' ~ day) if (day | int) < 10 else day -%}
  cast('{{ year }}-{{ mm }}-{{ dd }}' as date)
{%- endmacro %}

{#- The statement's current timestamp, with its time zone where the engine has one. -#}
{% macro current_timestamp() -%}
  {{ return(adapter.dispatch('current_timestamp', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp() -%}
  current_timestamp
{%- endmacro %}

{% macro postgres__current_timestamp() -%}
  now()
{%- endmacro %}

{% macro duckdb__current_timestamp() -%}
  now()
{%- endmacro %}

{% macro redshift__current_timestamp() -%}
  getdate()
{%- endmacro %}

{% macro snowflake__current_timestamp() -%}
  convert_timezone('UTC', current_timestamp())
{%- endmacro %}

{#- The current timestamp without a time zone, in the session's zone (dbt < 1.3's form). -#}
{% macro current_timestamp_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp_backcompat() -%}
  cast(current_timestamp as {{ dbt.type_timestamp() }})
{%- endmacro %}

{% macro redshift__current_timestamp_backcompat() -%}
  getdate()
{%- endmacro %}

{% macro snowflake__current_timestamp_backcompat() -%}
  current_timestamp()::timestamp_ntz
{%- endmacro %}

{#- The current UTC time as a timestamp without time zone (dbt < 1.3's form). -#}
{% macro current_timestamp_in_utc_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_in_utc_backcompat', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp_in_utc_backcompat() -%}
  cast(current_timestamp at time zone 'UTC' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{% macro redshift__current_timestamp_in_utc_backcompat() -%}
  getdate()
{%- endmacro %}

{% macro snowflake__current_timestamp_in_utc_backcompat() -%}
  convert_timezone('UTC', current_timestamp())::timestamp_ntz
{%- endmacro %}
