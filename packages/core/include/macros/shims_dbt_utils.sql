{#
  Compatibility shims for dbt_utils: tsmodel's implementations of dbt_utils' dispatched macros
  on engines where dbt_utils' default__ cannot run. adapter.dispatch('x', 'dbt_utils') tries
  <adapter>__dbt_utils__x right after dbt_utils' own <adapter>__x and before its default__x,
  so dbt_utils (or a project's dispatch search order) implementing one always wins.
#}

{#
  DuckDB keeps information_schema in its system catalog only: `<db>.information_schema.tables`
  (dbt_utils' default) is a catalog error for every attached database. The same views list
  every catalog's relations, so filter them by table_catalog instead.
#}
{% macro duckdb__dbt_utils__get_tables_by_pattern_sql(schema_pattern, table_pattern, exclude='', database=target.database) %}

        select distinct
            table_schema as {{ adapter.quote('table_schema') }},
            table_name as {{ adapter.quote('table_name') }},
            {{ dbt_utils.get_table_types_sql() }}
        from information_schema.tables
        where lower(table_catalog) = lower('{{ database }}')
        and table_schema ilike '{{ schema_pattern }}'
        and table_name ilike '{{ table_pattern }}'
        and table_name not ilike '{{ exclude }}'

{% endmacro %}
