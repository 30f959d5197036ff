{#- The `part_number`-th (1-based) piece of `string_text` split on `delimiter_text`. A part that
    does not exist is '' on Postgres, Redshift and Snowflake (native split_part) and NULL on
    DuckDB (list indexing), as with dbt's adapters; docs/segment.md lists where this shows. -#}
{% macro split_part(string_text, delimiter_text, part_number) %}
  {{- return(adapter.dispatch('split_part', 'tsmodel_sessionization')(string_text, delimiter_text, part_number)) -}}
{% endmacro %}

{% macro default__split_part(string_text, delimiter_text, part_number) -%}
  split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})
{%- endmacro %}

{% macro duckdb__split_part(string_text, delimiter_text, part_number) -%}
  string_split({{ string_text }}, {{ delimiter_text }})[{{ part_number }}]
{%- endmacro %}
