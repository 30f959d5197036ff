import { expect, it } from 'vitest';
import { awaiting } from './awaiting';
import { suiteProject, type SuiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const GENDERS = ['F', 'M'];
const SEED = `id,first_name,gender\n${Array.from({ length: 30 }, (_, i) => `${i + 1},P${i + 1},${GENDERS[i % 3 === 0 ? 1 : 0]}`).join('\n')}\n`;
const EPH = "{{ config(materialized='ephemeral') }}\n";

const MULTI = {
  'seeds/seed.csv': SEED,
  'models/dependent.sql': `-- two refs of one ephemeral share its CTE
select * from {{ref('base')}} where gender = 'M'
union all
select * from {{ref('base')}} where gender = 'F'
`,
  'models/double_dependent.sql': `-- base_copy reads base: both CTEs once, base first
select * from {{ref('base')}} where gender = 'M'
union all
select * from {{ref('base_copy')}} where gender = 'F'
`,
  'models/super_dependent.sql': `select * from {{ref('female_only')}}
union all
select * from {{ref('double_dependent')}} where gender = 'M'
`,
  'models/base/female_only.sql': `${EPH}select * from {{ ref('base_copy') }} where gender = 'F'\n`,
  'models/base/base.sql': `${EPH}select * from {{ this.schema }}.seed\n`,
  'models/base/base_copy.sql': `${EPH}select * from {{ ref('base') }}\n`,
};

const NESTED = {
  'models/ephemeral_level_two.sql': `${EPH}select * from {{ ref('source_table') }}\n`,
  'models/root_view.sql': 'select * from {{ref("ephemeral")}}\n',
  'models/ephemeral.sql': `${EPH}select * from {{ref("ephemeral_level_two")}}\n`,
  'models/source_table.sql':
    "{{ config(materialized='table') }}\nwith source_data as (select 1 as id union all select null as id)\nselect *\nfrom source_data\n",
};

const squash = (sql: string) => sql.replace(/\s+/g, '');

/** The statement a model of project `project` ran (target/run), without whitespace. */
const ran = (p: SuiteProject, project: string, model: string) =>
  squash(p.read(`target/run/${project}/models/${model}.sql`));

/** dbt's ephemeral/test_ephemeral.py. */
export function registerEphemeral(target: DbtSuiteTarget): void {
  it('test_ephemeral_multi: ephemerals inline as shared CTEs, dependencies first', async () => {
    const p = suiteProject(target, 'ephemeral_multi', MULTI);
    await p.run(['seed']);
    expect((await p.run(['run'])).results).toHaveLength(3);
    for (const model of ['dependent', 'double_dependent', 'super_dependent'])
      await p.expectRelationsEqual(['seed', model]);
  });

  // dbt puts `with` before the model's leading comment; tsmodel after it.
  awaiting('dbtNamespace', 'test_ephemeral_multi: the compiled SQL, CTE list first', async () => {
    const p = suiteProject(target, 'ephemeral_multi_sql', MULTI);
    await p.run(['compile']);
    const compiled = squash(
      p.read('target/compiled/ephemeral_multi_sql/models/double_dependent.sql'),
    );
    expect(compiled).toBe(
      squash(`with __dbt__cte__base as (select * from ${p.schema}.seed
), __dbt__cte__base_copy as (select * from __dbt__cte__base
)-- base_copy reads base: both CTEs once, base first
select * from __dbt__cte__base where gender = 'M'
union all
select * from __dbt__cte__base_copy where gender = 'F'`),
    );
  });

  it('test_ephemeral_nested: an ephemeral of an ephemeral', async () => {
    const p = suiteProject(target, 'ephemeral_nested', NESTED);
    expect((await p.run(['run'])).results).toHaveLength(2);
    const compiled = squash(p.read('target/compiled/ephemeral_nested/models/root_view.sql'));
    expect(compiled).toBe(
      squash(`with __dbt__cte__ephemeral_level_two as (select * from ${p.relation('source_table')}
), __dbt__cte__ephemeral as (select * from __dbt__cte__ephemeral_level_two
)select * from __dbt__cte__ephemeral`),
    );
  });

  awaiting(
    'dbtNamespace',
    'test_ephemeral_multi / nested: target/run holds the create view with the CTEs',
    async () => {
      const p = suiteProject(target, 'ephemeral_run', NESTED);
      await p.run(['run']);
      expect(ran(p, 'ephemeral_run', 'root_view')).toContain(
        squash(
          `as (with __dbt__cte__ephemeral_level_two as (select * from ${p.relation('source_table')}`,
        ),
      );
    },
  );

  // dbt compiles an ephemeral when its dependent runs, so the dependent ends `skipped` with a
  // Compilation Error; tsmodel renders every template at parse, so the run stops there, naming
  // the file (README "Bad files fail at parse").
  it('test_ephemeral_error_handling: a broken ephemeral stops the run before anything builds', async () => {
    const p = suiteProject(target, 'ephemeral_errors', {
      'seeds/seed.csv': SEED,
      'models/dependent.sql': "select * from {{ref('base_copy')}} where gender = 'M'\n",
      'models/base/base.sql': `${EPH}select * from {{ this.schema }}.seed\n`,
      'models/base/base_copy.sql': `${EPH}{{ adapter.invalid_method() }}\nselect * from {{ ref('base') }}\n`,
    });
    const run = await p.run(['run'], 1);
    expect(run.stderr).toContain('models/base/base_copy.sql');
    expect(run.stderr).toContain('invalid_method');
    expect(await p.relationTypes()).toEqual({});
  });
}
