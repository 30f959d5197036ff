{#- The relation behind `relation` as the warehouse has it (with its type), or none when it does
    not exist; dbt's `load_relation` / `load_cached_relation`. -#}
{% macro load_relation(relation) -%}
  {{ return(adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier)) }}
{%- endmacro %}

{% macro load_cached_relation(relation) -%}
  {{ return(load_relation(relation)) }}
{%- endmacro %}

{#- The columns of `relation` (dbt's Column objects), asked of the warehouse. -#}
{% macro get_columns_in_relation(relation) -%}
  {{ return(adapter.get_columns_in_relation(relation)) }}
{%- endmacro %}
