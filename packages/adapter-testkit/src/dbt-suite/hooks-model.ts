import { expect, it } from 'vitest';
import { awaiting } from './awaiting';
import { suiteProject, type SuiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const FIELDS = [
  'test_state',
  'target_dbname',
  'target_host',
  'target_name',
  'target_schema',
  'target_type',
  'target_user',
  'target_pass',
  'target_threads',
  'run_started_at',
  'invocation_id',
  'thread_id',
];

/** What each hook writes: the context it ran in. */
const VALUES = `'{{ target.dbname }}', '{{ target.host }}', '{{ target.name }}', '{{ target.schema }}', '{{ target.type }}', '{{ target.user }}', '{{ target.get("pass", "") }}', {{ target.threads }}, '{{ run_started_at }}', '{{ invocation_id }}', '{{ thread_id }}'`;
const insertHook = (state: string) =>
  `insert into {{ this.schema }}.${'on_model_hook'} (${FIELDS.join(', ')}) values ('${state}', ${VALUES})`;
const HOOK_TABLE_COLUMNS = FIELDS.map(
  (f) => `${f} ${f === 'target_threads' ? 'integer' : 'text'}`,
).join(', ');

/** dbt's hooks/data/seed_model.sql: the table hooks insert into. */
export async function createHookTable(p: SuiteProject, table: string): Promise<void> {
  await p.createSchema();
  await p.execute(`create table ${p.relation(table)} (${HOOK_TABLE_COLUMNS})`);
}

/** dbt's check_hooks, with the expected target read off the case's own profile. */
export async function checkHooks(
  p: SuiteProject,
  target: DbtSuiteTarget,
  table: string,
  state: string,
  count = 1,
): Promise<void> {
  const rows = await p.query(`select * from ${p.relation(table)} where test_state = '${state}'`);
  expect(rows, `${state} rows in ${table}`).toHaveLength(count);
  const profile = target.output(p.schema);
  // A key the profile lacks is undefined in Jinja, which renders as nothing.
  const text = (key: string) => (profile[key] === undefined ? '' : String(profile[key]));
  for (const row of rows) {
    expect(row).toMatchObject({
      test_state: state,
      target_dbname: text('dbname'),
      target_host: text('host'),
      target_name: 'dev',
      target_schema: p.schema,
      target_threads: 4,
      target_type: target.type,
      target_user: text('user'),
      target_pass: '',
    });
    expect(String(row.run_started_at).length).toBeGreaterThan(0);
    expect(String(row.invocation_id).length).toBeGreaterThan(0);
  }
}

const projectHooks = (dash: boolean) => {
  const [pre, post] = dash ? ['pre-hook', 'post-hook'] : ['pre_hook', 'post_hook'];
  const vacuum = JSON.stringify({
    sql: 'vacuum {{ this.schema }}.on_model_hook',
    transaction: false,
  });
  return (name: string) =>
    `models:\n  ${name}:\n    ${pre}:\n      - ${JSON.stringify(insertHook('start'))}\n      - ${vacuum}\n    ${post}:\n      - ${vacuum}\n      - ${JSON.stringify(insertHook('end'))}\n`;
};

/** dbt's hooks/test_model_hooks.py. */
export function registerModelHooks(target: DbtSuiteTarget): void {
  const hooked = async (name: string, files: Record<string, string>, config = '', count = 1) => {
    const p = suiteProject(target, name, files, config);
    await createHookTable(p, 'on_model_hook');
    await p.run(['run']);
    await checkHooks(p, target, 'on_model_hook', 'start', count);
    await checkHooks(p, target, 'on_model_hook', 'end', count);
  };

  for (const dash of [true, false])
    it(`test_pre_and_post_run_hooks (${dash ? 'pre-hook' : 'pre_hook'}): project hooks see the run's context`, () =>
      hooked(
        `hooks_${dash ? 'dash' : 'under'}`,
        { 'models/hooks.sql': 'select 1 as id\n' },
        projectHooks(dash)(`hooks_${dash ? 'dash' : 'under'}`),
      ));

  it('test_pre_post_model_hooks_refed: a hook may ref() models, which then run first', () =>
    hooked(
      'hook_refs',
      {
        'models/pre.sql': "select 'start' as test_state\n",
        'models/post.sql': "select 'end' as test_state\n",
        'models/hooked.sql': `{{ config(pre_hook="insert into {{ this.schema }}.on_model_hook select test_state, ${VALUES.replace(/"/g, '\\"')} from {{ ref('pre') }}") }}
select 1 as id
`,
      },
      `models:\n  hook_refs:\n    hooked:\n      post-hook:\n        - ${JSON.stringify(`insert into {{ this.schema }}.on_model_hook select test_state, ${VALUES} from {{ ref('post') }}`)}\n`,
    ));

  const configured = (how: 'dict' | 'kwargs') => {
    const hooks = `pre_hook=${JSON.stringify(insertHook('start'))}, post_hook=${JSON.stringify(insertHook('end'))}`;
    const dict = `{"pre_hook": ${JSON.stringify(insertHook('start'))}, "post_hook": ${JSON.stringify(insertHook('end'))}}`;
    return `{{ config(${how === 'dict' ? dict : hooks}) }}\nselect 3 as id\n`;
  };
  it('test_pre_and_post_model_hooks_model: hooks in config()', () =>
    hooked('hooks_config', { 'models/hooks.sql': configured('dict') }));
  it('test_pre_and_post_model_hooks_model (kwargs): hooks as config() keywords', () =>
    hooked('hooks_kwargs', { 'models/hooks.sql': configured('kwargs') }));
  it('test_pre_and_post_model_hooks_model_and_project: project and config hooks both run', () =>
    hooked(
      'hooks_count',
      { 'models/hooks.sql': configured('dict') },
      projectHooks(true)('hooks_count'),
      2,
    ));

  const seedHooks = (key: string) =>
    `seeds:\n  +quote_columns: false\n  ${key}:\n    - "alter table {{ this }} add column new_col int"\n    - "update {{ this }} set new_col = 1"\n    - "select cast(null as {{ dbt.type_int() }}) as id"\n`;
  for (const key of ['post-hook', '+post-hook'])
    it(`test_hooks_on_seeds (${JSON.stringify(key)}): seed post-hooks alter the loaded table`, async () => {
      const p = suiteProject(
        target,
        'seed_hooks',
        {
          'seeds/example_seed.csv': 'a,b,c\n1,2,3\n4,5,6\n7,8,9\n',
          'models/schema.yml':
            'version: 2\nseeds:\n  - name: example_seed\n    columns:\n      - name: new_col\n        data_tests:\n          - not_null\n',
        },
        seedHooks(key),
      );
      expect((await p.run(['seed'])).results).toHaveLength(1);
      expect((await p.run(['test'])).results).toHaveLength(1);
    });

  it('test_hook_with_ref_on_seeds: a seed hook may not ref() a model', async () => {
    const p = suiteProject(
      target,
      'seed_hook_ref',
      {
        'seeds/example_seed.csv': 'a,b,c\n1,2,3\n',
        'models/post.sql': "select 'end' as test_state\n",
      },
      `seeds:\n  post-hook:\n    - "select * from {{ ref('post') }}"\n`,
    );
    const parse = await p.run(['parse'], 1);
    expect(parse.stderr + parse.stdout).toContain('Seeds cannot depend on other nodes');
  });

  it('test_run_duplicate_hook_defs: pre_hook and pre-hook in one config() is an error', async () => {
    const p = suiteProject(target, 'hooks_dup', {
      'models/hooks.sql': `{{ config({"pre_hook": "select 1", "pre-hook": "select 2"}) }}\nselect 1 as id\n`,
    });
    const run = await p.run(['run'], 1);
    expect(run.stderr).toContain('pre_hook');
    expect(run.stderr).toContain('pre-hook');
  });

  awaiting('runtime', 'check_hooks: thread_id names the worker thread', async () => {
    const p = suiteProject(target, 'hooks_thread', { 'models/hooks.sql': configured('dict') });
    await createHookTable(p, 'on_model_hook');
    await p.run(['run']);
    const rows = await p.query(`select thread_id from ${p.relation('on_model_hook')}`);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(String(row.thread_id)).toMatch(/^Thread-/);
  });

  const snapshotHooks = async (name: string, config: string, projectHooks: string) => {
    const p = suiteProject(
      target,
      name,
      {
        'seeds/example_seed.csv': 'a,b,c\n1,2,3\n4,5,6\n7,8,9\n',
        'test-snapshots/snapshot.sql': `{% snapshot example_snapshot %}\n{{ config(target_schema=schema, unique_key='a', strategy='check', check_cols='all'${config}) }}\nselect * from {{ ref('example_seed') }}\n{% endsnapshot %}\n`,
        'models/schema.yml':
          'version: 2\nsnapshots:\n- name: example_snapshot\n  columns:\n  - name: new_col\n    data_tests:\n    - not_null\n',
      },
      `seed-paths: ["seeds"]\nsnapshot-paths: ["test-snapshots"]\n${projectHooks}seeds:\n  quote_columns: false\n`,
    );
    expect((await p.run(['seed'])).results).toHaveLength(1);
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    const test = await p.run(['test']);
    expect(test.results).toHaveLength(1);
    expect(test.results[0]!.status).toBe('pass');
  };
  const ALTER = 'alter table {{ this }} add column new_col int';
  const UPDATE = 'update {{ this }} set new_col = 1';

  it('test_hooks_on_snapshots: snapshot post-hooks alter the snapshot table', () =>
    snapshotHooks(
      'hooks_snapshots',
      '',
      `snapshots:\n  post-hook:\n    - "${ALTER}"\n    - "${UPDATE}"\n`,
    ));

  it('test_hooks_on_snapshots (config kwargs): the same through config()', () =>
    snapshotHooks('hooks_snapshots_kwargs', `, post_hook=['${ALTER}', '${UPDATE}']`, ''));
}
