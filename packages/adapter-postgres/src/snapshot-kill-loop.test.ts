/**
 * Snapshot runs SIGKILLed at random points converge: each batch of source changes is
 * snapshotted once in a reference schema, and in a second schema by a run killed at a random
 * statement (or mid-statement, while the snapshot query runs on the server; or, for batches
 * that delete rows, inside the apply transaction) followed by a clean run. After every batch
 * both histories are the same table: no version lost or doubled, no interval closed twice, no
 * staging table left. `TSMODEL_KILL_SEED` replays a sequence of kill points.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { pgTestProject, type PgTestProject } from './pg-test-project';

const url = process.env.TSMODEL_PG_URL;

/** A small seeded generator (mulberry32), so a failing sequence can be replayed by its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNAPSHOTS = {
  // Deterministic: every column comes from the data, so the tables must be equal in full.
  'snapshots/ts_snap.sql': `{% snapshot ts_snap %}
{{ config(unique_key='id', strategy='timestamp', updated_at='updated_at') }}
select o.* from {{ target.schema }}.raw_orders o cross join pg_sleep({{ var('sleep', 0) }})
{% endsnapshot %}
`,
  // Dated by the snapshot clock: equal up to the times; deletions are rows of their own.
  'snapshots/check_snap.sql': `{% snapshot check_snap %}
{{ config(unique_key='id', strategy='check', check_cols='all', hard_deletes='new_record') }}
select * from {{ target.schema }}.raw_orders
{% endsnapshot %}
`,
};

/** The source's history: each batch is applied to both schemas before their snapshots. */
const BATCHES: Array<(t: string) => string[]> = [
  (t) => [
    `create table ${t} (id integer, name text, updated_at timestamp)`,
    `insert into ${t} select g, 'n' || g, timestamp '2024-01-01' from generate_series(1, 5) g`,
  ],
  (t) => [
    `update ${t} set name = 'bob', updated_at = timestamp '2024-01-02' where id = 2`,
    `delete from ${t} where id = 3`,
    `insert into ${t} values (6, 'n6', timestamp '2024-01-02')`,
  ],
  (t) => [
    `alter table ${t} add column tier text`,
    `update ${t} set tier = 'vip', updated_at = timestamp '2024-01-03' where id = 1`,
  ],
  (t) => [
    `update ${t} set name = name || '+', updated_at = timestamp '2024-01-04' where id in (4, 5)`,
    `insert into ${t} values (3, 'n3', timestamp '2024-01-04', 'new')`,
  ],
  (t) => [
    `delete from ${t} where id = 1`,
    `update ${t} set tier = 'gold', updated_at = timestamp '2024-01-05' where id = 6`,
  ],
];

/**
 * Where a run of batch `i` is killed: right after the `--debug` line of one of the statements
 * it sends (or, see the loop, while the snapshot query runs on the server).
 */
function labelsOf(i: number): string[] {
  if (i === 0) return ['create snapshot table'];
  return [
    'read snapshot query columns',
    'stage snapshot changes',
    ...(i === 2 ? ['add new columns'] : []),
    'close changed rows',
    'insert new versions',
    'drop staging',
  ];
}

/**
 * Starts a snapshot while a session of the test holds every row of `check_snap`, kills the run
 * once its closing update waits for them (inside the apply transaction), then lets go.
 */
async function killInsideApply(project: PgTestProject): Promise<string> {
  const blocker = await project.session();
  await blocker.query('begin');
  await blocker.query(`select 1 from "${project.schema}".check_snap for update`);
  const run = project.start('snapshot');
  for (;;) {
    const waiting = await project.sql(
      `select 1 from pg_stat_activity where datname = current_database()
       and application_name like 'tsmodel/%' and wait_event_type = 'Lock'
       and query like 'update %check_snap%'`,
    );
    if (waiting.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  run.child.kill('SIGKILL');
  const { signal } = await run.done;
  await blocker.query('rollback');
  return `kill inside the apply transaction: ${signal}\n`;
}

describe.skipIf(!url)('snapshot kill loop on PostgreSQL (TSMODEL_PG_URL)', () => {
  const projects: PgTestProject[] = [];
  afterAll(async () => {
    for (const p of projects) await p.cleanup();
  });

  it('histories of runs killed at random points equal the uninterrupted ones', async () => {
    const seed = Number(process.env.TSMODEL_KILL_SEED ?? Date.now() % 1_000_000);
    const next = random(seed);
    const reference = pgTestProject(url!, 'snapref', SNAPSHOTS, { lock_timeout: 10 });
    const killed = pgTestProject(url!, 'snapkill', SNAPSHOTS, { lock_timeout: 10 });
    projects.push(reference, killed);
    const table = (p: PgTestProject, name: string) => `"${p.schema}".${name}`;
    const same = async (sql: (p: PgTestProject) => string, what: string) => {
      const [a, b] = [sql(reference), sql(killed)];
      const [diff] = await reference.sql<{ n: number }>(
        `select count(*)::int as n from ((${a} except all ${b}) union all (${b} except all ${a})) d`,
      );
      expect(diff!.n, `${what} differ (seed ${seed})`).toBe(0);
    };
    for (const p of projects) await p.sql(`create schema if not exists "${p.schema}"`);
    let log = '';
    for (const [i, batch] of BATCHES.entries()) {
      for (const p of projects)
        for (const statement of batch(table(p, 'raw_orders'))) await p.sql(statement);
      const ref = await reference.run('snapshot');
      expect(ref.code, ref.output).toBe(0);

      // Batches that delete rows are first killed inside the apply transaction, its closing
      // update waiting on a row lock: a run that committed the update apart from the insert of
      // deletion records would lose them. Then a kill at a random statement, then a clean run.
      if (i === 1 || i === 4) log += await killInsideApply(killed);
      const labels = labelsOf(i);
      const label = labels[Math.floor(next() * labels.length)]!;
      const midQuery = i > 0 && next() < 0.3;
      const run = killed.start(
        'snapshot',
        '--debug',
        '--log-format',
        'json',
        '--vars',
        `{sleep: ${midQuery ? 2 : 0}}`,
      );
      const marker = midQuery ? 'stage snapshot changes' : label;
      const reached = await run
        .waitFor(new RegExp(`"label":"${marker}"`))
        .then(() => true)
        .catch(() => false);
      if (reached) {
        await new Promise((resolve) =>
          setTimeout(resolve, Math.floor(next() * (midQuery ? 400 : 15))),
        );
        run.child.kill('SIGKILL');
      }
      const ended = await run.done;
      log += `batch ${i + 1}: kill at ${midQuery ? 'the staging query' : label}: ${reached ? ended.signal : 'not reached'}\n`;
      const again = await killed.run('snapshot');
      expect(again.code, `${log}${again.output}`).toBe(0);

      const ts = (p: PgTestProject) =>
        `select id, name, updated_at, ${i >= 2 ? 'tier' : 'null::text'} as tier, dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to from ${table(p, 'ts_snap')}`;
      await same(ts, `${log}ts_snap`);
      const check = (p: PgTestProject) =>
        `select id, name, ${i >= 2 ? 'tier' : 'null::text'} as tier, dbt_is_deleted, dbt_valid_to is null as current from ${table(p, 'check_snap')}`;
      await same(check, `${log}check_snap`);
      const leftovers = await killed.sql(
        `select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = $1 and relname like '%tsmodel_tmp'`,
        [killed.schema],
      );
      expect(leftovers, log).toEqual([]);
    }
    // The history is the one the batches describe, not just equal in both schemas.
    expect(
      await reference.sql(
        `select id, count(*)::int as versions from ${table(reference, 'ts_snap')} group by id order by id`,
      ),
    ).toEqual([
      { id: 1, versions: 2 },
      { id: 2, versions: 2 },
      { id: 3, versions: 2 },
      { id: 4, versions: 2 },
      { id: 5, versions: 2 },
      { id: 6, versions: 2 },
    ]);
  }, 300_000);
});
