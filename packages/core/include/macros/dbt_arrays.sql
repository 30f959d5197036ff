{#
  dbt's cross-database array macros, dispatched in the `dbt` namespace (see dbt_dates.sql).
  Redshift has no arrays but SUPER values built with array(…).
#}

{#- An array of the SQL expressions `inputs`, typed `data_type` (used when it is empty). -#}
{% macro array_construct(inputs=[], data_type=none) -%}
  {{ return(adapter.dispatch('array_construct', 'dbt')(inputs, data_type if data_type else api.Column.translate_type('integer'))) }}
{%- endmacro %}

{% macro default__array_construct(inputs, data_type) -%}
  array_construct({{ inputs | join(', ') }})
{%- endmacro %}

{#- As dbt's: the type is given only to an empty array; others take their elements' type. -#}
{% macro postgres__array_construct(inputs, data_type) -%}
  {%- if inputs | length > 0 -%}
  array[{{ inputs | join(', ') }}]
  {%- else -%}
  array[]::{{ data_type }}[]
  {%- endif -%}
{%- endmacro %}

{% macro duckdb__array_construct(inputs, data_type) -%}
  {%- if inputs | length > 0 -%}
  [{{ inputs | join(', ') }}]
  {%- else -%}
  cast([] as {{ data_type }}[])
  {%- endif -%}
{%- endmacro %}

{% macro redshift__array_construct(inputs, data_type) -%}
  array({{ inputs | join(', ') }})
{%- endmacro %}

{% macro array_append(array, new_element) -%}
  {{ return(adapter.dispatch('array_append', 'dbt')(array, new_element)) }}
{%- endmacro %}

{% macro default__array_append(array, new_element) -%}
  array_append({{ array }}, {{ new_element }})
{%- endmacro %}

{% macro duckdb__array_append(array, new_element) -%}
  list_append({{ array }}, {{ new_element }})
{%- endmacro %}

{% macro redshift__array_append(array, new_element) -%}
  array_concat({{ array }}, array({{ new_element }}))
{%- endmacro %}

{% macro array_concat(array_1, array_2) -%}
  {{ return(adapter.dispatch('array_concat', 'dbt')(array_1, array_2)) }}
{%- endmacro %}

{% macro default__array_concat(array_1, array_2) -%}
  array_cat({{ array_1 }}, {{ array_2 }})
{%- endmacro %}

{% macro duckdb__array_concat(array_1, array_2) -%}
  list_concat({{ array_1 }}, {{ array_2 }})
{%- endmacro %}

{% macro redshift__array_concat(array_1, array_2) -%}
  array_concat({{ array_1 }}, {{ array_2 }})
{%- endmacro %}
