import { expect } from 'vitest';
import { awaiting } from './awaiting';
import { suiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

/**
 * dbt's basic/test_adapter_methods.py: get_relation, get_columns_in_relation, drop_schema and
 * create_schema, called from a model as it runs (execute is true), with run_query.
 */
export function registerAdapterMethods(target: DbtSuiteTarget): void {
  awaiting(
    'runtime',
    'test_adapter_methods: drop, recreate and inspect relations while running',
    async () => {
      const p = suiteProject(target, 'adapter_methods', {
        'tests/get_columns_in_relation.sql': `{% set columns = adapter.get_columns_in_relation(ref('model')) %}
{% set limit_query = 1 if (columns | length) == 0 else 0 %}
select 1 as id limit {{ limit_query }}
`,
        'models/upstream.sql': 'select 1 as id\n',
        'models/expected.sql': "-- runs after {{ ref('model') }}\nselect 2 as id\n",
        'models/model.sql': `{% set upstream = ref('upstream') %}
{% if execute %}
  {%- do adapter.drop_schema(upstream) -%}
  {% set existing = adapter.get_relation(upstream.database, upstream.schema, upstream.identifier) %}
  {% if existing is not none %}
    {% do exceptions.raise_compiler_error('expected ' ~ upstream ~ ' not to exist, but it did') %}
  {% endif %}
  {%- do adapter.create_schema(upstream) -%}
  {% do run_query(create_view_as(upstream, 'select 2 as id')) %}
{% endif %}
select * from {{ upstream }}
`,
      });
      await p.run(['compile']);
      expect((await p.run(['run'])).results).toHaveLength(3);
      await p.expectRelationsEqual(['model', 'expected']);
    },
  );

  awaiting('runtime', 'api.Column.translate_type and adapter.quote in a model', async () => {
    const p = suiteProject(target, 'adapter_api', {
      'models/m.sql': `select cast('2020-01-01 00:00:00' as {{ api.Column.translate_type('timestamp') }}) as ts,
  cast('x' as {{ api.Column.translate_type('string') }}) as {{ adapter.quote('Col') }}
`,
    });
    await p.run(['run']);
    expect((await p.columns('m')).map((c) => c.name)).toEqual(['ts', 'Col']);
  });
}
