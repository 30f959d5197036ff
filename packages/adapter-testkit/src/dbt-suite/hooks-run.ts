import { expect, it } from 'vitest';
import { awaiting } from './awaiting';
import { checkHooks, createHookTable } from './hooks-model';
import { suiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const RUN_HOOK_MACRO = `{% macro custom_run_hook(state, target, run_started_at, invocation_id) %}
insert into {{ target.schema }}.on_run_hook (test_state, target_dbname, target_host, target_name, target_schema,
  target_type, target_user, target_pass, target_threads, run_started_at, invocation_id, thread_id)
values ('{{ state }}', '{{ target.dbname }}', '{{ target.host }}', '{{ target.name }}', '{{ target.schema }}',
  '{{ target.type }}', '{{ target.user }}', '{{ target.get("pass", "") }}', {{ target.threads }},
  '{{ run_started_at }}', '{{ invocation_id }}', '{{ thread_id }}')
{% endmacro %}
`;

// Create-then-drop pairs prove the hooks run in the order written: the other order fails.
const RUN_HOOKS = `on-run-start:
  - "{{ custom_run_hook('start', target, run_started_at, invocation_id) }}"
  - "create table {{ target.schema }}.start_hook_order_test ( id int )"
  - "drop table {{ target.schema }}.start_hook_order_test"
  - "{{ log(env_var('TERM_TEST'), info=True) }}"
on-run-end:
  - "{{ custom_run_hook('end', target, run_started_at, invocation_id) }}"
  - "create table {{ target.schema }}.end_hook_order_test ( id int )"
  - "drop table {{ target.schema }}.end_hook_order_test"
  - "create table {{ target.schema }}.schemas ( schema text )"
  - "insert into {{ target.schema }}.schemas (schema) values {% for schema in schemas %}( '{{ schema }}' ){% if not loop.last %},{% endif %}{% endfor %}"
  - "create table {{ target.schema }}.db_schemas ( db text, schema text )"
  - "insert into {{ target.schema }}.db_schemas (db, schema) values {% for db, schema in database_schemas %}('{{ db }}', '{{ schema }}' ){% if not loop.last %},{% endif %}{% endfor %}"
seeds:
  +quote_columns: false
`;

/** dbt's hooks/test_run_hooks.py. */
export function registerRunHooks(target: DbtSuiteTarget): void {
  for (const command of ['run', 'seed'])
    it(`test_pre_and_post_${command}_hooks: on-run-start/end in order, with schemas and database_schemas`, async () => {
      const p = suiteProject(
        target,
        `run_hooks_${command}`,
        {
          'macros/before-and-after.sql': RUN_HOOK_MACRO,
          'macros/hook.sql': '{% macro hook() %}\n  select 1\n{% endmacro %}\n',
          'models/hooks.sql': 'select 1 as id\n',
          'seeds/example_seed.csv': 'a,b,c\n1,2,3\n4,5,6\n7,8,9\n',
        },
        RUN_HOOKS,
      );
      await createHookTable(p, 'on_run_hook');
      p.env.TERM_TEST = 'TESTING';
      // A hook reading env_var('TERM_TEST') renders only because the variable is set.
      await p.run([command]);
      await checkHooks(p, target, 'on_run_hook', 'start');
      await checkHooks(p, target, 'on_run_hook', 'end');
      const relations = await p.relationTypes();
      expect(relations).not.toHaveProperty('start_hook_order_test');
      expect(relations).not.toHaveProperty('end_hook_order_test');
      expect(await p.query(`select * from ${p.relation('schemas')}`)).toEqual([
        { schema: p.schema },
      ]);
      // dbt: (project.database, test_schema). tsmodel's relations name a database when the
      // target has one: DuckDB's catalog, or a server profile's `database:` (README, Hooks).
      const { database } = target;
      expect(await p.query(`select * from ${p.relation('db_schemas')}`)).toEqual([
        { db: database === undefined ? 'None' : String(database), schema: p.schema },
      ]);
    });

  // PostgreSQL's error names the relation, not the query; dbt's output also shows the query.
  awaiting(
    target.type === 'postgres' ? 'runtimeGaps' : 'runtime',
    'test_missing_column_pre_hook: an on-run-start query that fails fails the run',
    async () => {
      const p = suiteProject(
        target,
        'run_hooks_missing',
        {
          'macros/temp_macro.sql': `{% macro export_table_check() %}
{% set query %}select column_name from {{ ref('test_column') }} limit 1{% endset %}
{%- if flags.WHICH in ('run', 'build') -%}
  {% set results = run_query(query) %}
  {% if execute and results.rows %}{{ exceptions.raise_compiler_error("already exported") }}{% endif %}
{%- endif -%}
{% endmacro %}
`,
          'models/test_column.sql': 'select 1 as col\n',
        },
        'on-run-start: "- {{ export_table_check() }}"\n',
      );
      const run = await p.run(['run'], 1);
      expect(run.stdout + run.stderr).toMatch(/column_name/i);
    },
  );
}
