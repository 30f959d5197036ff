import { expect, it } from 'vitest';
import { suiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

/** First run: ids 1 and 2; later: a changed 1 and 2 and a new 3. */
const changing = (
  config: string,
) => `{{ config(materialized='incremental', unique_key='id'${config}) }}
{% if not is_incremental() %}
select 1 as id, 'first' as msg, 'teal' as color
union all select 2 as id, 'second' as msg, 'amber' as color
{% else %}
select 1 as id, 'first again' as msg, 'teal' as color
union all select 2 as id, 'second again' as msg, 'olive' as color
union all select 3 as id, 'third' as msg, 'plum' as color
{% endif %}
`;

/** dbt's get_test_fields + check_scenario_correctness for a model compared with a seed. */
async function twoRuns(
  target: DbtSuiteTarget,
  name: string,
  files: Record<string, string>,
  config = '',
) {
  const p = suiteProject(target, name, files, config);
  const [seed] = Object.keys(files)
    .filter((f) => f.startsWith('seeds/'))
    .map((f) => f.slice('seeds/'.length, -'.csv'.length));
  const model = name;
  expect((await p.run(['seed', '--select', seed!, '--full-refresh'])).results).toHaveLength(1);
  expect((await p.run(['run', '--select', model, '--full-refresh'])).results).toHaveLength(1);
  const seedRows = (await p.query(`select * from ${p.relation(seed!)}`)).length;
  expect((await p.run(['run', '--select', model])).results).toHaveLength(1);
  await p.expectRelationsEqual([seed!, model]);
  return seedRows;
}

/** dbt's incremental/test_incremental_predicates.py and test_incremental_merge_exclude_columns.py. */
export function registerIncrementalStrategies(target: DbtSuiteTarget): void {
  // The predicate keeps id 2 from being deleted: its new row is added beside the old one.
  const PREDICATED =
    'id,msg,color\n1,first again,teal\n2,second,amber\n2,second again,olive\n3,third,plum\n';
  for (const key of ['incremental_predicates', 'predicates']) {
    it(`test__incremental_predicates (+${key}): delete+insert keeps rows the predicate excludes`, async () => {
      const files = {
        'models/delete_insert_incremental_predicates.sql': changing(''),
        'seeds/expected_delete_insert_incremental_predicates.csv': PREDICATED,
      };
      const config = `models:\n  +${key}: ["id != 2"]\n  +incremental_strategy: delete+insert\n`;
      expect(await twoRuns(target, 'delete_insert_incremental_predicates', files, config)).toBe(4);
    });
  }

  it('test__merge_exclude_columns: merge leaves excluded columns as they were', async () => {
    const files = {
      'models/merge_exclude_columns.sql': changing(
        ", incremental_strategy='merge', merge_exclude_columns=['msg']",
      ),
      'seeds/expected_merge_exclude_columns.csv':
        'id,msg,color\n1,first,teal\n2,second,olive\n3,third,plum\n',
    };
    expect(await twoRuns(target, 'merge_exclude_columns', files)).toBe(3);
  });
}
