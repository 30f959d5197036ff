{#
  dbt's portable column type names (`dbt.type_string()`, …), dispatched in the `dbt` namespace
  (see dbt_dates.sql), for casts that mean the same on every engine.
#}

{% macro type_string() -%}
  {{ return(adapter.dispatch('type_string', 'dbt')()) }}
{%- endmacro %}

{% macro default__type_string() -%}
  varchar
{%- endmacro %}

{#- Redshift's varchar is 256 bytes: too short for URLs and user agents. -#}
{#- dbt-postgres's string type is `text` (its Column's label for "string"). -#}
{% macro postgres__type_string() -%}
  text
{%- endmacro %}

{% macro redshift__type_string() -%}
  varchar(max)
{%- endmacro %}

{% macro type_timestamp() -%}
  {{ return(adapter.dispatch('type_timestamp', 'dbt')()) }}
{%- endmacro %}

{% macro default__type_timestamp() -%}
  timestamp
{%- endmacro %}

{% macro snowflake__type_timestamp() -%}
  timestamp_ntz
{%- endmacro %}

{% macro type_float() -%}
  {{ return(adapter.dispatch('type_float', 'dbt')()) }}
{%- endmacro %}

{% macro default__type_float() -%}
  float
{%- endmacro %}

{% macro duckdb__type_float() -%}
  double
{%- endmacro %}

{% macro type_numeric() -%}
  {{ return(adapter.dispatch('type_numeric', 'dbt')()) }}
{%- endmacro %}

{% macro default__type_numeric() -%}
  numeric(28, 6)
{%- endmacro %}

{% macro redshift__type_numeric() -%}
  numeric(28, 6)
{%- endmacro %}

{% macro type_bigint() -%}
  {{ return(adapter.dispatch('type_bigint', 'dbt')()) }}
{%- endmacro %}

{% macro default__type_bigint() -%}
  bigint
{%- endmacro %}

{% macro type_int() -%}
  {{ return(adapter.dispatch('type_int', 'dbt')()) }}
{%- endmacro %}

{% macro default__type_int() -%}
  integer
{%- endmacro %}

{% macro type_boolean() -%}
  {{ return(adapter.dispatch('type_boolean', 'dbt')()) }}
{%- endmacro %}

{% macro default__type_boolean() -%}
  boolean
{%- endmacro %}

{#- `cast(field as type)`, dbt's cross-database cast. -#}
{% macro cast(field, type) -%}
  {{ return(adapter.dispatch('cast', 'dbt')(field, type)) }}
{%- endmacro %}

{% macro default__cast(field, type) -%}
  cast({{ field }} as {{ type }})
{%- endmacro %}
