import { expect, it } from 'vitest';
import { suiteProject, type SuiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const SEED = `state,county,city,last_visit_date
OR,Multnomah,Portland,2020-10-05
TX,Travis,Austin,2020-03-17
IL,Cook,Chicago,2022-01-09
WA,King,Seattle,2021-05-02
WA,Pierce,Tacoma,2021-05-01
GA,Fulton,Atlanta,2021-07-22
NM,Bernalillo,,2021-08-30
`;

const incremental = (
  uniqueKey: string | undefined,
  columns = 'state, county, city, last_visit_date',
) =>
  `{{ config(materialized='incremental'${uniqueKey === undefined ? '' : `, unique_key=${uniqueKey}`}) }}
select ${columns} from {{ ref('seed') }}
{% if is_incremental() %}
where last_visit_date > (select max(last_visit_date) from {{ this }})
{% endif %}
`;

/** The seed after the duplicate insert, with the newer Portland row replacing the old one. */
const OVERWRITTEN = `{{ config(materialized='table') }}
select 'OR' as state, 'Multnomah' as county, 'Portland' as city, cast('2022-03-01' as date) as last_visit_date
union all select 'TX', 'Travis', 'Austin', '2020-03-17'
union all select 'IL', 'Cook', 'Chicago', '2022-01-09'
union all select 'WA', 'King', 'Seattle', '2021-05-02'
union all select 'WA', 'Pierce', 'Tacoma', '2021-05-01'
union all select 'GA', 'Fulton', 'Atlanta', '2021-07-22'
union all select 'NM', 'Bernalillo', null, '2021-08-30'
`;

const FILES = {
  'seeds/seed.csv': SEED,
  'models/trinary_unique_key_list.sql': incremental("['state', 'county', 'city']"),
  'models/nontyped_trinary_unique_key_list.sql': incremental("['state', 'county', 'city']"),
  'models/unary_unique_key_list.sql': incremental("['state']"),
  'models/not_found_unique_key.sql': incremental("'thisisnotacolumn'", '*'),
  'models/empty_unique_key_list.sql': incremental('[]', '*'),
  'models/no_unique_key.sql': incremental(undefined, '*'),
  'models/empty_str_unique_key.sql': incremental("''", '*'),
  'models/str_unique_key.sql': incremental("'state'"),
  'models/duplicated_unary_unique_key_list.sql': incremental("['state', 'state']"),
  'models/not_found_unique_key_list.sql': `{{ config(materialized='incremental', unique_key=['state', 'thisisnotacolumn']) }}
select * from {{ ref('seed') }}
`,
  'models/expected/one_str__overwrite.sql': OVERWRITTEN,
  'models/expected/unique_key_list__inplace_overwrite.sql': OVERWRITTEN,
};

type Update = 'duplicate_insert' | 'add_new_rows';

const insert = (p: SuiteProject, values: string) =>
  `insert into ${p.relation('seed')} (state, county, city, last_visit_date) values (${values})`;
const UPDATES: Record<Update, (p: SuiteProject) => string[]> = {
  // A newer row for a key already there: the seed and a keyed model diverge.
  duplicate_insert: (p) => [insert(p, "'OR', 'Multnomah', 'Portland', '2022-03-01'")],
  // Two new keys: every model grows with the seed.
  add_new_rows: (p) => [
    insert(p, "'AZ', 'Maricopa', 'Phoenix', '2022-02-20'"),
    insert(p, "'UT', 'Salt Lake', 'Salt Lake City', '2022-02-20'"),
  ],
};

/** dbt's incremental/test_incremental_unique_id.py (one project, as dbt's class shares one). */
export function registerIncrementalUniqueKey(target: DbtSuiteTarget): void {
  let shared: SuiteProject | undefined;
  const project = () => (shared ??= suiteProject(target, 'unique_key', FILES));

  /** dbt's get_test_fields + check_scenario_correctness. */
  const scenario = async (model: string, update: Update, expected: string, seedRows: number) => {
    const p = project();
    const optCount =
      expected === 'seed' ? undefined : (await p.run(['run', '--select', expected])).results.length;
    expect((await p.run(['seed', '--select', 'seed', '--full-refresh'])).results).toHaveLength(1);
    expect((await p.run(['run', '--select', model, '--full-refresh'])).results).toHaveLength(1);
    await p.execute(...UPDATES[update](p));
    expect(await p.query(`select * from ${p.relation('seed')}`)).toHaveLength(seedRows);
    expect((await p.run(['run', '--select', model])).results).toHaveLength(1);
    if (optCount !== undefined) expect(optCount).toBe(1);
    await p.expectRelationsEqual([expected, model]);
  };

  const badKey = async (model: string) => {
    const p = project();
    await p.run(['seed', '--select', 'seed', '--full-refresh']);
    // Unique keys are not applied on a first run: the second one fails.
    await p.run(['run', '--select', model, '--full-refresh']);
    const [result] = (await p.run(['run', '--select', model], 1)).results;
    expect(result!.status).toBe('error');
    expect(result!.message!.toLowerCase()).toContain('thisisnotacolumn');
  };

  it('test__bad_unique_key: a unique_key that is no column is an error naming it', () =>
    badKey('not_found_unique_key'));
  it('test__bad_unique_key_list: so is one element of a list', () =>
    badKey('not_found_unique_key_list'));
  it('test__empty_unique_key_list: [] appends, so model and seed match', () =>
    scenario('empty_unique_key_list', 'add_new_rows', 'seed', 9));
  it('test__one_unique_key: a string key overwrites the existing row', () =>
    scenario('str_unique_key', 'duplicate_insert', 'one_str__overwrite', 8));
  it('test__no_unique_keys: model and seed match', () =>
    scenario('no_unique_key', 'add_new_rows', 'seed', 9));
  it("test__empty_str_unique_key: '' appends, so model and seed match", () =>
    scenario('empty_str_unique_key', 'add_new_rows', 'seed', 9));
  it('test__unary_unique_key_list: a one-column list overwrites', () =>
    scenario('unary_unique_key_list', 'duplicate_insert', 'unique_key_list__inplace_overwrite', 8));
  it('test__duplicated_unary_unique_key_list: a repeated column overwrites', () =>
    scenario(
      'duplicated_unary_unique_key_list',
      'duplicate_insert',
      'unique_key_list__inplace_overwrite',
      8,
    ));
  it('test__trinary_unique_key_list: a three-column key overwrites', () =>
    scenario(
      'trinary_unique_key_list',
      'duplicate_insert',
      'unique_key_list__inplace_overwrite',
      8,
    ));
  it('test__trinary_unique_key_list_no_update: new keys only, model and seed match', () =>
    scenario('nontyped_trinary_unique_key_list', 'add_new_rows', 'seed', 9));
}
