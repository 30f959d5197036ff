import { expect, it } from 'vitest';
import { suiteProject, type SuiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const S = '{{ string_type }}';
const cast = (expr: string, as = expr) => `cast(${expr} as ${S}) as ${as}`;
const head = (
  mode: string,
) => `{{ config(materialized='incremental', unique_key='id', on_schema_change='${mode}') }}
{% set string_type = dbt.type_string() %}
with source_data as (select * from {{ ref('model_a') }})
`;
/** First run: ids 1–3 with `first`; later runs: the other ids with `later`. */
const incremental = (mode: string, first: string[], later: string[]) => `${head(mode)}
{% if is_incremental() %}
select id, ${later.join(', ')} from source_data where id not in (select id from {{ this }})
{% else %}
select id, ${first.join(', ')} from source_data where id <= 3
{% endif %}
`;
const table = (columns: string[]) => `{{ config(materialized='table') }}
{% set string_type = dbt.type_string() %}
with source_data as (select * from {{ ref('model_a') }})
select id, ${columns.join(', ')} from source_data
`;
const laterOnly = (c: string) => cast(`case when id <= 3 then null else ${c} end`, c);

const FILES = {
  'models/model_a.sql': `{{ config(materialized='table') }}
select 1 as id, 'ab' as field1, 'ba' as field2, 10 as field3, 'Q' as field4
union all select 2, 'cd', 'dc', 20, 'R'
union all select 3, 'ef', 'fe', 30, 'S'
union all select 4, 'gh', 'hg', 40, 'T'
union all select 5, 'ij', 'ji', 50, 'U'
union all select 6, 'kl', 'lk', 60, 'V'
`,
  'models/incremental_ignore.sql': `{{ config(materialized='incremental', unique_key='id', on_schema_change='ignore') }}
with source_data as (select * from {{ ref('model_a') }})
{% if is_incremental() %}
select id, field1, field2, field3, field4 from source_data where id not in (select id from {{ this }})
{% else %}
select id, field1, field2 from source_data where id <= 3
{% endif %}
`,
  'models/incremental_ignore_target.sql': `{{ config(materialized='table') }}
select id, field1, field2 from {{ ref('model_a') }}
`,
  'models/incremental_append_new_columns.sql': incremental(
    'append_new_columns',
    [cast('field1'), cast('field2')],
    ['field1', 'field2', 'field3', 'field4'].map((c) => cast(c)),
  ),
  'models/incremental_append_new_columns_target.sql': table([
    cast('field1'),
    cast('field2'),
    laterOnly('field3'),
    laterOnly('field4'),
  ]),
  'models/incremental_append_new_columns_remove_one.sql': incremental(
    'append_new_columns',
    [cast('field1'), cast('field2')],
    ['field1', 'field3', 'field4'].map((c) => cast(c)),
  ),
  'models/incremental_append_new_columns_remove_one_target.sql': table([
    cast('field1'),
    cast('case when id > 3 then null else field2 end', 'field2'),
    laterOnly('field3'),
    laterOnly('field4'),
  ]),
  'models/incremental_sync_all_columns.sql': incremental(
    'sync_all_columns',
    [cast('field1'), cast('field2')],
    ['field1', 'field3', 'field4'].map((c) => cast(c)),
  ),
  'models/incremental_sync_all_columns_target.sql': table([
    cast('field1'),
    laterOnly('field3'),
    laterOnly('field4'),
  ]),
  'models/incremental_sync_remove_only.sql': incremental(
    'sync_all_columns',
    [cast('field1'), cast('field2')],
    [cast('field1')],
  ),
  'models/incremental_sync_remove_only_target.sql': table([cast('field1')]),
  'models/incremental_fail.sql': `{{ config(materialized='incremental', unique_key='id', on_schema_change='fail') }}
with source_data as (select * from {{ ref('model_a') }})
{% if is_incremental() %}
select id, field1, field2 from source_data
{% else %}
select id, field1, field3 from source_data
{% endif %}
`,
};

/** dbt's incremental/test_incremental_on_schema_change.py (one project, as dbt's class). */
export function registerIncrementalOnSchemaChange(target: DbtSuiteTarget): void {
  let shared: SuiteProject | undefined;
  const project = () => (shared ??= suiteProject(target, 'on_schema_change', FILES));

  const twice = async (model: string) => {
    const p = project();
    const select = ['--select', `model_a ${model} ${model}_target`];
    expect((await p.run(['run', ...select])).results).toHaveLength(3);
    expect((await p.run(['run', ...select])).results).toHaveLength(3);
    await p.expectRelationsEqual([model, `${model}_target`]);
  };

  it('test_run_incremental_ignore: new columns are ignored', () => twice('incremental_ignore'));
  it('test_run_incremental_append_new_columns: new columns are added, old ones kept', async () => {
    await twice('incremental_append_new_columns');
    await twice('incremental_append_new_columns_remove_one');
  });
  it('test_run_incremental_sync_all_columns: columns added and removed to match', async () => {
    await twice('incremental_sync_all_columns');
    await twice('incremental_sync_remove_only');
  });
  it('test_run_incremental_fail_on_schema_change: a changed schema is a compilation error', async () => {
    const p = project();
    await p.run(['run', '--models', 'model_a incremental_fail', '--full-refresh']);
    const second = await p.run(['run', '--models', 'model_a incremental_fail'], 1);
    const failed = second.results.find((r) => r.unique_id.endsWith('.incremental_fail'));
    expect(failed?.message).toContain('Compilation Error');
  });
}
