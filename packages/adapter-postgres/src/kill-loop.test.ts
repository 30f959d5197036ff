/**
 * Runs SIGKILLed again and again on PostgreSQL, each leaving its statement running on the server,
 * then a clean run: every run after a kill gets going (the orphan is ended, nothing hangs), the
 * tables converge, no tmp/backup relation is left, and no view outside the selection — an
 * analyst's views in another schema on the managed tables — ever disappears.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { pgTestProject, type PgTestProject } from './pg-test-project';

const url = process.env.TSMODEL_PG_URL;

/** Resolves once a tsmodel session of this database runs the slow model's sleep. */
async function untilSleeping(project: PgTestProject): Promise<void> {
  for (;;) {
    const rows = await project.sql(
      `select 1 from pg_stat_activity where datname = current_database()
       and application_name like 'tsmodel/%' and state = 'active' and query like '%pg_sleep(60)%'`,
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!url)('kill loop on PostgreSQL (TSMODEL_PG_URL)', () => {
  let p: PgTestProject | undefined;
  const analyst = `analyst_kill_${process.pid}`;
  afterAll(() => p?.cleanup([analyst]));

  it('converges after repeated SIGKILLs, keeping the views outside the selection', async () => {
    p = pgTestProject(
      url!,
      'kill',
      {
        'models/base.sql':
          "{{ config(materialized='table') }}\nselect g as id, {{ var('v', 1) }} as v from generate_series(1, 3) g",
        // Sleeps on the server when told: the statement a kill leaves running.
        'models/slow.sql':
          "{{ config(materialized='table') }}\nselect b.id, b.v from {{ ref('base') }} b cross join pg_sleep({{ var('sleep', 0) }})",
        'models/slow_v.sql': "select id, v from {{ ref('slow') }}",
      },
      { lock_timeout: 10 },
    );
    const project = p;
    expect((await project.run('run')).code).toBe(0);
    await project.sql(`create schema "${analyst}"`);
    await project.sql(
      `create view "${analyst}".on_base as select id from "${project.schema}".base`,
    );
    await project.sql(`create view "${analyst}".on_slow as select v from "${project.schema}".slow`);
    await project.sql(
      `create view "${analyst}".on_view as select v from "${project.schema}".slow_v`,
    );
    const analystViews = async () =>
      (
        await project.sql<{ name: string }>(
          `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = $1 order by 1`,
          [analyst],
        )
      ).map((r) => r.name);

    const killPoints = [
      `START sql table model ${project.schema}.slow`,
      `START sql table model ${project.schema}.slow`,
      `OK created sql table model ${project.schema}.base`,
      `START sql table model ${project.schema}.slow`,
    ];
    let outputs = '';
    for (const [i, marker] of killPoints.entries()) {
      const run = project.start('run', '--vars', `{v: ${i + 2}, sleep: 60}`);
      await run.waitFor(new RegExp(marker.replaceAll('.', '\\.')));
      // At the slow model, kill once its statement runs on the server: that is the orphan.
      if (marker.endsWith('.slow')) await untilSleeping(project);
      run.child.kill('SIGKILL');
      const { signal, output } = await run.done;
      expect(signal, output).toBe('SIGKILL');
      outputs += output;
      expect(await analystViews()).toEqual(['on_base', 'on_slow', 'on_view']);
    }

    const last = await project.run('run', '--vars', '{v: 9, sleep: 0}');
    outputs += last.output;
    expect(last.code, last.output).toBe(0);
    // The statement the last kill left running was ended, not waited for.
    expect(last.output).toMatch(/Ended session pid \d+ \(application_name 'tsmodel\//);
    expect(outputs).not.toContain('lock_timeout');
    expect(await analystViews()).toEqual(['on_base', 'on_slow', 'on_view']);
    expect(
      await project.sql(`select count(*)::int as n, min(id) as lo from "${analyst}".on_base`),
    ).toEqual([{ n: 3, lo: 1 }]);
    expect(await project.sql(`select distinct v from "${analyst}".on_slow`)).toEqual([{ v: 9 }]);
    expect(await project.sql(`select distinct v from "${analyst}".on_view`)).toEqual([{ v: 9 }]);
    const leftovers = await project.sql(
      `select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and (relname like '%tsmodel_tmp' or relname like '%tsmodel_backup')`,
      [project.schema],
    );
    expect(leftovers).toEqual([]);
  }, 120_000);
});
