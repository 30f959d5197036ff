{#- md5 of the fields joined with '-' as lowercase hex; a NULL field hashes as
    '_dbt_utils_surrogate_key_null_' (dbt_utils >= 1.0), so ids match the dbt package's. -#}
{% macro surrogate_key(field_list) %}
  {{- return(adapter.dispatch('surrogate_key', 'tsmodel_sessionization')(field_list)) -}}
{% endmacro %}

{% macro default__surrogate_key(field_list) -%}
  {%- set parts = [] -%}
  {%- for field in field_list -%}
    {%- do parts.append("coalesce(cast(" ~ field ~ " as " ~ tsmodel_sessionization.type_string() ~ "), '_dbt_utils_surrogate_key_null_')") -%}
  {%- endfor -%}
  md5({{ parts | join(" || '-' || ") }})
{%- endmacro %}
