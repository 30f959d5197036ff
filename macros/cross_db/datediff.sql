{#- Whole `datepart` boundaries crossed from `first_date` to `second_date` (dbt's datediff):
    10:00:00.900 -> 10:30:00.100 is 1800 seconds. Supported dateparts: second, minute, hour, day. -#}
{% macro datediff(first_date, second_date, datepart) %}
  {{- return(adapter.dispatch('datediff', 'tsmodel_sessionization')(first_date, second_date, datepart)) -}}
{% endmacro %}

{% macro default__datediff(first_date, second_date, datepart) -%}
  datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}

{% macro duckdb__datediff(first_date, second_date, datepart) -%}
  date_diff('{{ datepart }}', cast({{ first_date }} as timestamp), cast({{ second_date }} as timestamp))
{%- endmacro %}

{#- Postgres has no datediff: count boundaries by composing day, hour, minute and second parts. -#}
{% macro postgres__datediff(first_date, second_date, datepart) -%}
  {%- set days -%}
    (cast({{ second_date }} as date) - cast({{ first_date }} as date))
  {%- endset -%}
  {%- set hours -%}
    ({{ days }} * 24 + date_part('hour', cast({{ second_date }} as timestamp)) - date_part('hour', cast({{ first_date }} as timestamp)))
  {%- endset -%}
  {%- set minutes -%}
    ({{ hours }} * 60 + date_part('minute', cast({{ second_date }} as timestamp)) - date_part('minute', cast({{ first_date }} as timestamp)))
  {%- endset -%}
  {%- if datepart == 'day' -%}{{ days }}
  {%- elif datepart == 'hour' -%}{{ hours }}
  {%- elif datepart == 'minute' -%}{{ minutes }}
  {%- elif datepart == 'second' -%}
    ({{ minutes }} * 60 + floor(date_part('second', cast({{ second_date }} as timestamp))) - floor(date_part('second', cast({{ first_date }} as timestamp))))
  {%- else -%}
    {{ exceptions.raise_compiler_error("tsmodel_sessionization.datediff: unsupported datepart '" ~ datepart ~ "' on postgres (use second, minute, hour or day)") }}
  {%- endif -%}
{%- endmacro %}

{#- Redshift has a native datediff; it must not inherit the composed Postgres form. -#}
{% macro redshift__datediff(first_date, second_date, datepart) -%}
  datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}
