import { expect, it } from 'vitest';
import { awaiting } from './awaiting';
import { suiteProject, type SuiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const FILES = {
  'seeds/sample_seed.csv':
    'sample_num,sample_bool\n1,true\n2,false\n3,true\n4,false\n5,true\n6,false\n7,true\n',
  'models/sample_model.sql': "select * from {{ ref('sample_seed') }}\n",
  'models/ephemeral_model.sql':
    "{{ config(materialized = 'ephemeral') }}\nselect coalesce(sample_num, 0) + 10 as col_deci from {{ ref('sample_model') }}\n",
};
const SECOND_EPHEMERAL =
  "{{ config(materialized = 'ephemeral') }}\nselect col_deci + 100 as col_hundo from {{ ref('ephemeral_model') }}";

/** Rows `tsmodel show --output json` printed. */
async function shown(p: SuiteProject, args: string[]): Promise<unknown[]> {
  const run = await p.run(['show', ...args, '--output', 'json']);
  return (JSON.parse(run.stdout) as { show: unknown[] }).show;
}

/** dbt's dbt_show/test_dbt_show.py. */
export function registerDbtShow(target: DbtSuiteTarget): void {
  let shared: SuiteProject | undefined;
  const built = async () => {
    if (shared) return shared;
    shared = suiteProject(target, 'show', FILES);
    await shared.run(['build']);
    return shared;
  };
  for (const [args, expected] of [
    [[], 5],
    [['--limit', '3'], 3],
    [['--limit', '-1'], 7],
  ] as const)
    it(`test_limit ${JSON.stringify(args)}: ${expected} rows of an inline query over ephemerals`, async () => {
      const p = await built();
      expect(await shown(p, ['--inline', SECOND_EPHEMERAL, ...args])).toHaveLength(expected);
    });

  awaiting('runtime', 'test_sql_header: show runs a model with its set_sql_header', async () => {
    const p = suiteProject(target, 'show_header', {
      'models/sql_header.sql': `{% call set_sql_header(config) %}
with _variables as (select 1 as my_variable)
{%- endcall %}
select my_variable from _variables
`,
    });
    expect(
      await shown(p, ['--select', 'sql_header', '--vars', 'timezone: Asia/Kolkata']),
    ).toHaveLength(1);
  });

  // dbt appends its limit to the query, so `select 1 limit 1` with --limit fails there
  // (dbt-adapters#207, asserted by BaseShowDoesNotHandleDoubleLimit); tsmodel limits a
  // subquery of it (README "Where we differ"), so the query's own limit stands.
  it('test_double_limit: a query with its own limit is previewed (dbt: a syntax error)', async () => {
    const p = suiteProject(target, 'show_double_limit', {});
    expect(await shown(p, ['--limit', '1', '--inline', 'select 1 as one limit 1'])).toEqual([
      { one: 1 },
    ]);
  });
}
