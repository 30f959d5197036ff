import { expect, it } from 'vitest';
import { suiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

/** A string_literal of the project's own, dispatched in its namespace, and a value test. */
const macros = (project: string) => ({
  'macros/cast.sql': `{% macro string_literal(s) -%}
  {{ adapter.dispatch('string_literal', macro_namespace='${project}')(s) }}
{%- endmacro %}
{% macro default__string_literal(s) %}
    cast('{{ s }}' as text)
{% endmacro %}
`,
  'macros/expect_value.sql': `{% test expect_value(model, field, value) %}
select * from {{ model }} where {{ field }} != '{{ value }}'
{% endtest %}
`,
});

const expectValue = (models: Record<string, string>) =>
  `version: 2\nmodels:\n${Object.entries(models)
    .map(
      ([m, v]) =>
        `  - name: ${m}\n    data_tests:\n      - expect_value:\n          field: tablename\n          value: ${v}\n`,
    )
    .join('')}`;

const TABLENAME = 'select {{ string_literal(this.name) }} as tablename\n';

/** dbt's aliases/test_aliases.py: `this.name` is the alias; ref() still takes the file name. */
export function registerAliases(target: DbtSuiteTarget): void {
  it('test_alias_model_name: aliases from config(), the project, and config() over the project', async () => {
    const name = 'aliases';
    const p = suiteProject(
      target,
      name,
      {
        ...macros(name),
        'models/schema.yml': expectValue({
          foo_alias: 'foo',
          ref_foo_alias: 'ref_foo_alias',
          alias_in_project: 'project_alias',
          alias_in_project_with_override: 'override_alias',
        }),
        'models/foo_alias.sql': `{{ config(alias='foo', materialized='table') }}\n${TABLENAME}`,
        'models/alias_in_project.sql': TABLENAME,
        'models/alias_in_project_with_override.sql': `{{ config(alias='override_alias') }}\n${TABLENAME}`,
        'models/ref_foo_alias.sql': `{{ config(materialized='table') }}
with trigger_ref as (select * from {{ ref('foo_alias') }})
${TABLENAME}`,
      },
      `models:\n  ${name}:\n    alias_in_project:\n      alias: project_alias\n    alias_in_project_with_override:\n      alias: project_alias\n`,
    );
    expect((await p.run(['run'])).results).toHaveLength(4);
    const tests = await p.run(['test']);
    expect(tests.results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(Object.keys(await p.relationTypes()).sort()).toEqual(
      ['foo', 'override_alias', 'project_alias', 'ref_foo_alias'].sort(),
    );
  });

  it('test_alias_dupe_throws_exeption: two models with one alias in one schema fail', async () => {
    const name = 'alias_dupe';
    const p = suiteProject(target, name, {
      ...macros(name),
      'models/model_a.sql': "{{ config(alias='duped_alias') }}\nselect 1 as id\n",
      'models/model_b.sql': "{{ config(alias='duped_alias') }}\nselect 1 as id\n",
    });
    const run = await p.run(['run'], 1);
    expect(run.stderr).toContain('duped_alias');
    expect(await p.relationTypes()).toEqual({});
  });

  it('test_same_alias_succeeds_in_different_schemas', async () => {
    const name = 'alias_schemas';
    const p = suiteProject(target, name, {
      ...macros(name),
      'models/schema.yml': expectValue({
        model_a: 'duped_alias',
        model_b: 'duped_alias',
        model_c: 'duped_alias',
      }),
      'models/model_a.sql': `{{ config(alias='duped_alias', schema='schema_a') }}\n${TABLENAME}`,
      'models/model_b.sql': `{{ config(alias='duped_alias', schema='schema_b') }}\n${TABLENAME}`,
      'models/model_c.sql': `{{ config(alias='duped_alias') }}\n${TABLENAME}`,
    });
    expect((await p.run(['run'])).results).toHaveLength(3);
    const tests = await p.run(['test']);
    expect(tests.results.length).toBeGreaterThan(0);
    for (const schema of [`${p.schema}_schema_a`, `${p.schema}_schema_b`, p.schema])
      expect(await p.relationTypes(schema)).toEqual({ duped_alias: 'view' });
  });

  it('test_alias_model_name_diff_database: a project-wide alias, one model in another schema', async () => {
    const name = 'alias_dbs';
    const p = suiteProject(
      target,
      name,
      {
        ...macros(name),
        'models/schema.yml': expectValue({ model_a: 'duped_alias', model_b: 'duped_alias' }),
        'models/model_a.sql': TABLENAME,
        'models/model_b.sql': TABLENAME,
      },
      `models:\n  ${name}:\n    alias: duped_alias\n    model_b:\n      schema: alt\n`,
    );
    expect((await p.run(['run'])).results).toHaveLength(2);
    expect((await p.run(['test'])).results.length).toBeGreaterThan(0);
  });
}
