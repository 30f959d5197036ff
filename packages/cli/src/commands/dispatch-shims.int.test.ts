/**
 * tsmodel's compatibility shims (core/include/macros/shims_*.sql) on a real DuckDB file: a
 * package written like dbt_utils, whose default__ reads `<db>.information_schema.tables` — a
 * catalog error on DuckDB — lists relations through the shim instead, and a project that
 * implements the macro itself still wins. The package is our fixture, shaped as dbt_utils'.
 */
import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

const utilsPackage = {
  'vendor/dbt_utils/dbt_project.yml': 'name: dbt_utils\nversion: "1.0.0"\nconfig-version: 2\n',
  'vendor/dbt_utils/macros/get_tables_by_pattern_sql.sql': `
{% macro get_tables_by_pattern_sql(schema_pattern, table_pattern, exclude='', database=target.database) %}
    {{ return(adapter.dispatch('get_tables_by_pattern_sql', 'dbt_utils')(schema_pattern, table_pattern, exclude, database)) }}
{% endmacro %}
{% macro default__get_tables_by_pattern_sql(schema_pattern, table_pattern, exclude='', database=target.database) %}
    select distinct table_schema as "table_schema", table_name as "table_name", {{ dbt_utils.get_table_types_sql() }}
    from {{ database }}.information_schema.tables
    where table_schema ilike '{{ schema_pattern }}' and table_name ilike '{{ table_pattern }}' and table_name not ilike '{{ exclude }}'
{% endmacro %}
{% macro get_table_types_sql() %}{{ return(adapter.dispatch('get_table_types_sql', 'dbt_utils')()) }}{% endmacro %}
{% macro default__get_table_types_sql() %}
    case table_type when 'BASE TABLE' then 'table' else lower(table_type) end as "table_type"
{% endmacro %}
`,
};

const listing = `-- depends_on: {{ ref('base_a') }}
-- depends_on: {{ ref('base_b') }}
{% set found = run_query(dbt_utils.get_tables_by_pattern_sql('main', 'base_%', 'base_b')) %}
select {% if execute %}'{{ found.columns[1].values() | sort | join(",") }}' as names, '{{ found.columns[2].values() | sort | join(",") }}' as types{% else %}'' as names, '' as types{% endif %}`;

function project(extra: Record<string, string> = {}) {
  return testProject({
    'project.yml': 'name: shop\nversion: "1.0.0"\nprofile: shop\n',
    'packages.yml': 'packages:\n  - local: vendor/dbt_utils\n',
    ...utilsPackage,
    'models/base_a.sql': "{{ config(materialized='table') }} select 1 as id",
    'models/base_b.sql': 'select 1 as id',
    'models/base_c.sql': 'select 1 as id',
    'models/listing.sql': "{{ config(materialized='table') }}\n" + listing,
    ...extra,
  });
}

describe("compatibility shims for packages' dispatched macros", () => {
  it("lists DuckDB relations where dbt_utils' default__ would read a missing <db>.information_schema", async () => {
    const p = project();
    expect((await p.run('deps')).code).toBe(0);
    const built = await p.run('run');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(await p.query('select names, types from listing')).toEqual([
      { names: 'base_a,base_c', types: 'table,view' },
    ]);
  });

  it("a project's own implementation, first in the dispatch search order, still wins", async () => {
    const p = project({
      'project.yml':
        'name: shop\nversion: "1.0.0"\nprofile: shop\ndispatch:\n  - macro_namespace: dbt_utils\n    search_order: [shop, dbt_utils]\n',
      'macros/own.sql':
        "{% macro default__get_tables_by_pattern_sql(schema_pattern, table_pattern, exclude='', database=target.database) %}select 'main' as table_schema, 'mine' as table_name, 'view' as table_type{% endmacro %}",
    });
    expect((await p.run('deps')).code).toBe(0);
    const built = await p.run('run');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(await p.query('select names, types from listing')).toEqual([
      { names: 'mine', types: 'view' },
    ]);
  });
});
