import { expect, it } from 'vitest';
import { SEED_ADDED, SEED_BASE } from './fixtures';
import { registerSnapshotConfigs } from './snapshot-configs';
import { people, peopleCsv } from './snapshot-fixtures';
import { suiteProject, type SuiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

/** dbt's basic/files.py snapshots: `check_cols` all / one column, and `timestamp` on some_date. */
const basicSnapshot = (name: string, config: string) =>
  `{% snapshot ${name} %}\n    {{ config(${config}, unique_key='id', target_database=database, target_schema=schema) }}\n    select * from {{ ref(var('seed_name', 'base')) }}\n{% endsnapshot %}\n`;

/** dbt's `update_rows` helpers of the basic snapshot tests. */
const addDay = (p: SuiteProject) =>
  `update ${p.relation('added')} set some_date = some_date + interval '1 day' where id > 10 and id < 21`;
const renameFirstTen = (p: SuiteProject) =>
  `update ${p.relation('added')} set name = name || '_updated' where id < 11`;

async function snapshotSucceeds(p: SuiteProject, args: string[] = []): Promise<void> {
  const run = await p.run(['snapshot', ...args]);
  expect(run.results.length).toBeGreaterThan(0);
  for (const r of run.results) expect(r.status, r.message ?? '').toBe('success');
}

async function counts(p: SuiteProject, names: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const n of names) out[n] = await p.rowCount(n);
  return out;
}

/**
 * dbt's basic/test_snapshot_check_cols.py and test_snapshot_timestamp.py, the simple_snapshot
 * module (test_snapshot.py), and (snapshot-configs.ts) its configs and `new_record` modes.
 */
export function registerSnapshots(target: DbtSuiteTarget): void {
  it('test_snapshot_check_cols: check_cols all / one column, across seed changes', async () => {
    const p = suiteProject(target, 'snapshot_check_cols', {
      'seeds/base.csv': SEED_BASE,
      'seeds/added.csv': SEED_ADDED,
      'snapshots/cc_all_snapshot.sql': basicSnapshot(
        'cc_all_snapshot',
        "check_cols='all', strategy='check'",
      ),
      'snapshots/cc_name_snapshot.sql': basicSnapshot(
        'cc_name_snapshot',
        "check_cols=['name'], strategy='check'",
      ),
      'snapshots/cc_date_snapshot.sql': basicSnapshot(
        'cc_date_snapshot',
        "check_cols=['some_date'], strategy='check'",
      ),
    });
    const names = ['cc_all_snapshot', 'cc_name_snapshot', 'cc_date_snapshot'];
    expect((await p.run(['seed'])).results).toHaveLength(2);
    await snapshotSucceeds(p);
    expect(await counts(p, names)).toEqual({
      cc_all_snapshot: 10,
      cc_name_snapshot: 10,
      cc_date_snapshot: 10,
    });
    // Point at the "added" seed: 10 new rows.
    await snapshotSucceeds(p, ['--vars', 'seed_name: added']);
    expect(await counts(p, names)).toEqual({
      cc_all_snapshot: 20,
      cc_name_snapshot: 20,
      cc_date_snapshot: 20,
    });
    await p.execute(addDay(p));
    await snapshotSucceeds(p, ['--vars', 'seed_name: added']);
    // Only the date changed: the name snapshot does not see it.
    expect(await counts(p, names)).toEqual({
      cc_all_snapshot: 30,
      cc_name_snapshot: 20,
      cc_date_snapshot: 30,
    });
    await p.execute(renameFirstTen(p));
    await snapshotSucceeds(p, ['--vars', 'seed_name: added']);
    // Only names changed: the date snapshot does not see it.
    expect(await counts(p, names)).toEqual({
      cc_all_snapshot: 40,
      cc_name_snapshot: 30,
      cc_date_snapshot: 30,
    });
  });

  it('test_snapshot_timestamp: the timestamp strategy, across seed changes', async () => {
    const p = suiteProject(target, 'snapshot_timestamp', {
      'seeds/base.csv': SEED_BASE,
      'seeds/newcolumns.csv': `${SEED_BASE.split('\n')[0]},last_initial\n${SEED_BASE.split('\n')
        .slice(1, -1)
        .map((r, i) => `${r},${String.fromCharCode(65 + i)}`)
        .join('\n')}\n`,
      'seeds/added.csv': SEED_ADDED,
      'snapshots/ts_snapshot.sql': basicSnapshot(
        'ts_snapshot',
        "strategy='timestamp', updated_at='some_date'",
      ),
    });
    expect((await p.run(['seed'])).results).toHaveLength(3);
    expect((await p.run(['snapshot'])).results).toHaveLength(1);
    expect(await p.rowCount('ts_snapshot')).toBe(10);
    await snapshotSucceeds(p, ['--vars', 'seed_name: added']);
    expect(await p.rowCount('ts_snapshot')).toBe(20);
    await p.execute(addDay(p));
    await snapshotSucceeds(p, ['--vars', 'seed_name: added']);
    expect(await p.rowCount('ts_snapshot')).toBe(30);
    // Names changed but not the timestamp: no new versions.
    await p.execute(renameFirstTen(p));
    await snapshotSucceeds(p, ['--vars', 'seed_name: added']);
    expect(await p.rowCount('ts_snapshot')).toBe(30);
  });

  registerSimpleSnapshot(target);
  registerSnapshotConfigs(target);
}

const SIMPLE_TIMESTAMP = `{% snapshot snapshot %}
    {{ config(target_database=database, target_schema=schema, unique_key='id',
              strategy='timestamp', updated_at='updated_at', invalidate_hard_deletes=True) }}
    select * from {{ ref('fact') }}
{% endsnapshot %}
`;
const SIMPLE_CHECK = `{% snapshot snapshot %}
    {{ config(target_database=database, target_schema=schema, unique_key='id',
              strategy='check', check_cols=['email']) }}
    select * from {{ ref('fact') }}
{% endsnapshot %}
`;

/**
 * dbt's simple_snapshot/test_snapshot.py: a `fact` table of people 1–20 cloned from a 30-row
 * seed, snapshotted, changed, snapshotted again; each id's versions are then current or closed.
 */
function registerSimpleSnapshot(target: DbtSuiteTarget): void {
  const setUp = async (name: string, snapshot: string) => {
    const p = suiteProject(target, name, {
      'seeds/seed.csv': peopleCsv(people(30)),
      'models/fact.sql': `{{ config(materialized="table") }}\nselect * from {{ ref('seed') }}\nwhere id between 1 and 20\n`,
      'snapshots/snapshot.sql': snapshot,
    });
    await p.run(['seed']);
    await p.execute(
      `create table ${p.relation('fact')} as select * from ${p.relation('seed')} where id between 1 and 20`,
    );
    await snapshotSucceeds(p);
    return p;
  };
  const fact = (p: SuiteProject, sql: string) =>
    p.execute(sql.replaceAll('{fact}', p.relation('fact')));
  const insertFromSeed = (p: SuiteProject, where: string) =>
    p.execute(
      `insert into ${p.relation('fact')} select * from ${p.relation('seed')} where ${where}`,
    );
  /** dbt's `_assert_results`, as an equality of (id, is current) pairs. */
  const expectVersions = async (p: SuiteProject, current: number[], closed: number[]) => {
    const rows = await p.query(
      `select id, dbt_valid_to is null as is_current from ${p.relation('snapshot')}`,
    );
    const got = new Set(rows.map((r) => `${Number(r.id)}:${Boolean(r.is_current)}`));
    const want = new Set([...current.map((i) => `${i}:true`), ...closed.map((i) => `${i}:false`)]);
    expect([...got].sort()).toEqual([...want].sort());
  };
  const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('simple_snapshot test_updates_are_captured_by_snapshot', async () => {
    const p = await setUp('snap_updates', SIMPLE_TIMESTAMP);
    await fact(
      p,
      `update {fact} set updated_at = updated_at + interval '1 day' where id between 16 and 20`,
    );
    await snapshotSucceeds(p);
    await expectVersions(p, range(1, 20), range(16, 20));
  });

  it('simple_snapshot test_inserts_are_captured_by_snapshot', async () => {
    const p = await setUp('snap_inserts', SIMPLE_TIMESTAMP);
    await insertFromSeed(p, 'id between 21 and 30');
    await snapshotSucceeds(p);
    await expectVersions(p, range(1, 30), []);
  });

  it('simple_snapshot test_deletes_are_captured_by_snapshot', async () => {
    const p = await setUp('snap_deletes', SIMPLE_TIMESTAMP);
    await fact(p, 'delete from {fact} where id between 16 and 20');
    await snapshotSucceeds(p);
    await expectVersions(p, range(1, 15), range(16, 20));
  });

  it('simple_snapshot test_revives_are_captured_by_snapshot', async () => {
    const p = await setUp('snap_revives', SIMPLE_TIMESTAMP);
    await fact(p, 'delete from {fact} where id between 16 and 20');
    await snapshotSucceeds(p);
    await insertFromSeed(p, 'id between 16 and 18');
    await snapshotSucceeds(p);
    await expectVersions(p, range(1, 18), range(16, 20));
  });

  it('simple_snapshot test_new_column_captured_by_snapshot', async () => {
    const p = await setUp('snap_new_column', SIMPLE_TIMESTAMP);
    await fact(p, 'alter table {fact} add column full_name varchar(200) default null');
    await fact(
      p,
      `update {fact} set full_name = first_name || ' ' || last_name, updated_at = updated_at + interval '1 day' where id between 11 and 20`,
    );
    await snapshotSucceeds(p);
    await expectVersions(p, range(1, 20), range(11, 20));
    expect(
      await p.query(
        `select count(*) as n from ${p.relation('snapshot')} where full_name is not null and dbt_valid_to is null`,
      ),
    ).toEqual([{ n: 10 }]);
  });

  it('simple_snapshot test_column_selection_is_reflected_in_snapshot (check)', async () => {
    const p = await setUp('snap_check', SIMPLE_CHECK);
    // last_name is not tracked, email is; ids 6–10 change both.
    await fact(
      p,
      'update {fact} set last_name = substr(last_name, 1, 3) where id between 1 and 10',
    );
    await fact(p, 'update {fact} set email = substr(email, 1, 3) where id between 6 and 15');
    await snapshotSucceeds(p);
    await expectVersions(p, range(1, 20), range(6, 15));
  });
}
