{#- Relations and DDL that packages build from their own macros (dbt's global macros of the
    same names). tsmodel's own materializations do not use them: they plan atomic swaps in
    TypeScript. -#}

{#- A relation next to `base_relation`, named with `suffix` (dbt's `__dbt_tmp`). -#}
{% macro make_temp_relation(base_relation, suffix='__dbt_tmp') -%}
  {{ return(adapter.dispatch('make_temp_relation', 'dbt')(base_relation, suffix)) }}
{%- endmacro %}

{% macro default__make_temp_relation(base_relation, suffix) -%}
  {%- set identifier = base_relation.identifier ~ suffix -%}
  {{ return(base_relation.incorporate(path={"identifier": identifier})) }}
{%- endmacro %}

{#- PostgreSQL's temporary tables live in a session schema: the name alone, as dbt-postgres. -#}
{% macro postgres__make_temp_relation(base_relation, suffix) -%}
  {%- set identifier = base_relation.identifier ~ suffix -%}
  {{ return(base_relation.incorporate(path={"identifier": identifier, "schema": none, "database": none})) }}
{%- endmacro %}

{#- `create [temporary] table relation as (sql)`. -#}
{% macro get_create_table_as_sql(temporary, relation, sql) -%}
  {{ return(adapter.dispatch('get_create_table_as_sql', 'dbt')(temporary, relation, sql)) }}
{%- endmacro %}

{% macro default__get_create_table_as_sql(temporary, relation, sql) -%}
  {{ return(create_table_as(temporary, relation, sql)) }}
{%- endmacro %}

{% macro create_table_as(temporary, relation, compiled_code, language='sql') -%}
  {{ return(adapter.dispatch('create_table_as', 'dbt')(temporary, relation, compiled_code)) }}
{%- endmacro %}

{% macro default__create_table_as(temporary, relation, sql) -%}
  create {% if temporary -%}temporary{%- endif %} table
    {{ relation.include(database=(not temporary), schema=(not temporary)) }}
  as (
    {{ sql }}
  );
{%- endmacro %}

{#- `create view relation as sql`. -#}
{% macro get_create_view_as_sql(relation, sql) -%}
  {{ return(adapter.dispatch('get_create_view_as_sql', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__get_create_view_as_sql(relation, sql) -%}
  {{ return(create_view_as(relation, sql)) }}
{%- endmacro %}

{% macro create_view_as(relation, sql) -%}
  {{ return(adapter.dispatch('create_view_as', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__create_view_as(relation, sql) -%}
  create view {{ relation }} as (
    {{ sql }}
  );
{%- endmacro %}

{#- Schemas and relations acted on from packages' macros and operations. -#}
{% macro create_schema(relation) -%}
  {%- do adapter.create_schema(relation) -%}
{%- endmacro %}

{% macro drop_schema(relation) -%}
  {%- do adapter.drop_schema(relation) -%}
{%- endmacro %}

{% macro drop_schema_named(schema_name) -%}
  {%- do drop_schema(api.Relation.create(database=target.database, schema=schema_name)) -%}
{%- endmacro %}

{% macro drop_relation(relation) -%}
  {%- do adapter.drop_relation(relation) -%}
{%- endmacro %}

{% macro drop_relation_if_exists(relation) -%}
  {%- if relation is not none -%}{%- do adapter.drop_relation(relation) -%}{%- endif -%}
{%- endmacro %}

{% macro rename_relation(from_relation, to_relation) -%}
  {%- do adapter.rename_relation(from_relation, to_relation) -%}
{%- endmacro %}

{% macro truncate_relation(relation) -%}
  {{ return(adapter.dispatch('truncate_relation', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__truncate_relation(relation) -%}
  {%- call statement('truncate_relation') -%}
    truncate table {{ relation }}
  {%- endcall -%}
{%- endmacro %}

{#- Changes a column's type in place (dbt: add, copy, drop, rename, which keeps it last). -#}
{% macro alter_column_type(relation, column_name, new_column_type) -%}
  {{ return(adapter.dispatch('alter_column_type', 'dbt')(relation, column_name, new_column_type)) }}
{%- endmacro %}

{% macro default__alter_column_type(relation, column_name, new_column_type) -%}
  {%- set tmp_column = column_name ~ "__dbt_alter" -%}
  {%- call statement('alter_column_type') -%}
    alter table {{ relation }} add column {{ adapter.quote(tmp_column) }} {{ new_column_type }};
    update {{ relation }} set {{ adapter.quote(tmp_column) }} = {{ adapter.quote(column_name) }};
    alter table {{ relation }} drop column {{ adapter.quote(column_name) }} cascade;
    alter table {{ relation }} rename column {{ adapter.quote(tmp_column) }} to {{ adapter.quote(column_name) }}
  {%- endcall -%}
{%- endmacro %}

{% macro duckdb__alter_column_type(relation, column_name, new_column_type) -%}
  {%- call statement('alter_column_type') -%}
    alter table {{ relation }} alter column {{ adapter.quote(column_name) }} type {{ new_column_type }}
  {%- endcall -%}
{%- endmacro %}

{#- Adds `add_columns` (Columns) and drops `remove_columns` (Columns) of `relation`. -#}
{% macro alter_relation_add_remove_columns(relation, add_columns=none, remove_columns=none) -%}
  {{ return(adapter.dispatch('alter_relation_add_remove_columns', 'dbt')(relation, add_columns, remove_columns)) }}
{%- endmacro %}

{% macro default__alter_relation_add_remove_columns(relation, add_columns, remove_columns) -%}
  {%- for column in add_columns or [] -%}
    {%- call statement('alter_relation_add_column') -%}
      alter table {{ relation }} add column {{ column.quoted }} {{ column.data_type }}
    {%- endcall -%}
  {%- endfor -%}
  {%- for column in remove_columns or [] -%}
    {%- call statement('alter_relation_remove_column') -%}
      alter table {{ relation }} drop column {{ column.quoted }}
    {%- endcall -%}
  {%- endfor -%}
{%- endmacro %}
