/**
 * A project whose models, hooks and operations talk to the warehouse while rendering, as dbt
 * packages do (`dbt_utils.star`, `run_query`, `adapter.get_relation`): run on every engine by
 * the just-in-time rendering tests. Schema-agnostic: everything is named through `this`,
 * `ref()` and `target.schema`.
 */
const MACROS = `
{% macro cols_except(from, except=[]) %}
  {%- if not execute -%}{{ return('*') }}{%- endif -%}
  {%- set cols = adapter.get_columns_in_relation(from) -%}
  {%- for c in cols if c.name not in except -%}{{ c.quoted }}{{ ', ' if not loop.last }}{%- endfor -%}
{% endmacro %}
{% macro make_and_count() %}
  {% set t = run_query('select count(*) as c from ' ~ ref('people')) %}
  {{ log('people: ' ~ t.columns[0].values()[0], info=True) }}
  {% do run_query('insert into ' ~ ref('op_log') ~ ' values (1)') %}
  {% set r = adapter.get_relation(database=target.database, schema=target.schema, identifier='op_log') %}
  {{ log('relation: ' ~ r.identifier ~ ' is_table=' ~ r.is_table, info=True) }}
{% endmacro %}
`;

export const JIT_FILES: Record<string, string> = {
  'seeds/people.csv': 'id,name,secret\n1,a,x\n2,b,y\n',
  'macros/helpers.sql': MACROS,
  'models/starred.sql':
    "select {{ cols_except(ref('people'), except=['secret']) }} from {{ ref('people') }}",
  'models/counted.sql': `{% set n = run_query('select count(*) from ' ~ ref('people')) %}
select {{ n.columns[0].values()[0] if execute else 0 }} as n, '{{ ref('people').identifier }}' as ident`,
  'models/looked_up.sql': `-- depends_on: {{ ref('people') }}
{% set r = adapter.get_relation(database=this.database, schema=this.schema, identifier='people') %}
select '{{ r.identifier if r else 'none' }}' as found, {{ 'true' if r and r.is_table else 'false' }} as is_table`,
  'models/grows.sql': `{{ config(materialized='incremental') }}
{% if is_incremental() %}
select id + {{ run_query('select max(id) from ' ~ this).columns[0].values()[0] }} as id from {{ ref('people') }}
{% else %}
select id from {{ ref('people') }}
{% endif %}`,
  'models/static_one.sql': "select * from {{ ref('people') }}",
  'models/op_log.sql': "{{ config(materialized='table') }} select 0 as x where 1 = 0",
};
