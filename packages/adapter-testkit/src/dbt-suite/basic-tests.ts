import { expect, it } from 'vitest';
import { SEED_BASE, SOURCE_RAW_YML, fromSource, notNullYml } from './fixtures';
import { resultNames, statusByName, suiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const PASSING = 'select * from (select 1 as id) as my_subquery where id = 2\n';
const FAILING = 'select * from (select 1 as id) as my_subquery where id = 1\n';

/** A CTE over the ephemeral model, with rows (`< 1000`) or without (`> 1000`). */
const overEphemeral = (op: '<' | '>') => `with my_other_cool_cte as (
  select id, name from {{ ref('ephemeral') }} where id ${op} 1000
)
select name, id from my_other_cool_cte
`;

/** dbt's basic/test_generic_tests, test_singular_tests, test_singular_tests_ephemeral. */
export function registerBasicTests(target: DbtSuiteTarget): void {
  it('test_generic_tests: not_null on a seed, a view and a table', async () => {
    const p = suiteProject(target, 'generic_tests', {
      'seeds/base.csv': SEED_BASE,
      'seeds/schema.yml': notNullYml('base', 'seeds'),
      'models/view_model.sql': fromSource('materialized="view"'),
      'models/table_model.sql': fromSource('materialized="table"'),
      'models/schema.yml': SOURCE_RAW_YML,
      'models/schema_view.yml': notNullYml('view_model'),
      'models/schema_table.yml': notNullYml('table_model'),
    });
    await p.run(['seed']);
    expect((await p.run(['test', '-m', 'base'])).results).toHaveLength(1);
    expect((await p.run(['run'])).results).toHaveLength(2);
    const all = await p.run(['test']);
    expect(all.results).toHaveLength(3);
    expect(all.results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('test_singular_tests: a query with rows fails, one without passes', async () => {
    const p = suiteProject(target, 'singular_tests', {
      'tests/passing.sql': PASSING,
      'tests/failing.sql': FAILING,
    });
    const run = await p.run(['test'], 1);
    expect(resultNames(run)).toEqual(['failing', 'passing']);
    expect(statusByName(run)).toEqual({ passing: 'pass', failing: 'fail' });
  });

  it('test_singular_tests_ephemeral: singular tests and models read an ephemeral model', async () => {
    const p = suiteProject(target, 'singular_ephemeral', {
      'seeds/base.csv': SEED_BASE,
      'models/ephemeral.sql': `{{ config(materialized="ephemeral") }}
with my_cool_cte as (select name, id from {{ ref('base') }})
select id, name from my_cool_cte where id is not null
`,
      'models/passing_model.sql': overEphemeral('>'),
      'models/failing_model.sql': overEphemeral('<'),
      'models/schema.yml': SOURCE_RAW_YML,
      'tests/passing.sql': overEphemeral('>'),
      'tests/failing.sql': overEphemeral('<'),
    });
    expect(resultNames(await p.run(['seed']))).toEqual(['base']);
    const tests = await p.run(['test'], 1);
    expect(resultNames(tests)).toEqual(['failing', 'passing']);
    expect(statusByName(tests)).toEqual({ passing: 'pass', failing: 'fail' });
    expect(resultNames(await p.run(['run']))).toEqual(['failing_model', 'passing_model']);
  });
}
