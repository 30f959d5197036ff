/**
 * `tsmodel snapshot` end to end on DuckDB: seed → snapshot → change the seed → snapshot, with
 * every row of the snapshot table asserted, for each strategy, hard_deletes mode and config.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testProject, type TestProject } from './run-fixtures';

const HEADER = 'id,name,updated_at';

/** A project whose snapshot `orders_snap` (config `config`) reads the seed `raw_orders`. */
function snapshotProject(config: string, rows: string[]): TestProject {
  return testProject({
    'seeds/raw_orders.csv': [HEADER, ...rows].join('\n') + '\n',
    'snapshots/orders_snap.sql': `{% snapshot orders_snap %}\n{{ config(target_schema='snapshots', ${config}) }}\nselect * from {{ ref('raw_orders') }}\n{% endsnapshot %}\n`,
  });
}

/** Reloads the seed with `rows` (and `header`), then takes the snapshot. */
async function snapshotAfter(p: TestProject, rows: string[], header = HEADER): Promise<void> {
  p.write({ 'seeds/raw_orders.csv': [header, ...rows].join('\n') + '\n' });
  // A seed whose header changed is rebuilt (a reload keeps the old columns).
  const seed = await p.run('seed', ...(header === HEADER ? [] : ['--full-refresh']));
  expect(seed.code, seed.stderr).toBe(0);
  const snap = await p.run('snapshot');
  expect(snap.code, snap.stdout + snap.stderr).toBe(0);
}

/** Every version, by id then start, with the validity interval as text. */
function versions(p: TestProject, extra = ''): Promise<Array<Record<string, unknown>>> {
  return p.query(
    `select id, name${extra}, dbt_valid_from::varchar as valid_from, dbt_valid_to::varchar as valid_to
     from snapshots.orders_snap order by id, dbt_valid_from, dbt_valid_to nulls last`,
  );
}

const V1 = ['1,ann,2024-01-01 00:00:00', '2,bob,2024-01-01 00:00:00', '3,cyd,2024-01-01 00:00:00'];
/** Bob renamed (later updated_at), cyd deleted, dee added. */
const V2 = ['1,ann,2024-01-01 00:00:00', '2,bo,2024-02-01 00:00:00', '4,dee,2024-02-01 00:00:00'];

describe('tsmodel snapshot: timestamp strategy', () => {
  it('creates the table, then records changes and new rows; a rerun changes nothing', async () => {
    const p = snapshotProject("unique_key='id', strategy='timestamp', updated_at='updated_at'", V1);
    expect((await p.run('seed')).code).toBe(0);
    const first = await p.run('snapshot');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /1 of 1 OK snapshotted snapshot snapshots\.orders_snap \.+ \[SELECT 3 in/,
    );
    await snapshotAfter(p, V2);
    const expected = [
      { id: 1, name: 'ann', valid_from: '2024-01-01 00:00:00', valid_to: null },
      { id: 2, name: 'bob', valid_from: '2024-01-01 00:00:00', valid_to: '2024-02-01 00:00:00' },
      { id: 2, name: 'bo', valid_from: '2024-02-01 00:00:00', valid_to: null },
      // hard_deletes: ignore (the default) keeps a deleted row current.
      { id: 3, name: 'cyd', valid_from: '2024-01-01 00:00:00', valid_to: null },
      { id: 4, name: 'dee', valid_from: '2024-02-01 00:00:00', valid_to: null },
    ];
    expect(await versions(p)).toEqual(expected);
    const again = await p.run('snapshot');
    expect(again.stdout).toMatch(/\[INSERT 0 in/);
    expect(await versions(p)).toEqual(expected);
    expect(await p.relations('snapshots')).toEqual(['orders_snap']);
  });
});

describe('tsmodel snapshot: hard deletes', () => {
  const config = (deletes: string) =>
    `unique_key='id', strategy='timestamp', updated_at='updated_at', ${deletes}`;

  it('invalidate closes a deleted row at the snapshot time; a revived row starts anew', async () => {
    const p = snapshotProject(config("hard_deletes='invalidate'"), V1);
    await snapshotAfter(p, V1);
    await snapshotAfter(p, V2);
    const closed = await p.query(
      `select dbt_valid_to is not null and dbt_valid_to > timestamp '2024-06-01' as closed_now
       from snapshots.orders_snap where id = 3`,
    );
    expect(closed).toEqual([{ closed_now: true }]);
    const table = await versions(p);
    await snapshotAfter(p, V2);
    expect(await versions(p)).toEqual(table);
    await snapshotAfter(p, [...V2, '3,cyd,2024-01-01 00:00:00']);
    expect((await versions(p)).filter((r) => r.id === 3)).toEqual([
      { id: 3, name: 'cyd', valid_from: '2024-01-01 00:00:00', valid_to: table[3]!.valid_to },
      { id: 3, name: 'cyd', valid_from: '2024-01-01 00:00:00', valid_to: null },
    ]);
  });

  it('the legacy invalidate_hard_deletes: true is invalidate', async () => {
    const p = snapshotProject(config('invalidate_hard_deletes=true'), V1);
    await snapshotAfter(p, V1);
    await snapshotAfter(p, V2);
    const rows = await p.query(
      'select count(*) as n from snapshots.orders_snap where id = 3 and dbt_valid_to is not null',
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('new_record adds a current deletion record, once; a revival closes it', async () => {
    const p = snapshotProject(config("hard_deletes='new_record'"), V1);
    await snapshotAfter(p, V1);
    expect(await p.query('select distinct dbt_is_deleted from snapshots.orders_snap')).toEqual([
      { dbt_is_deleted: 'False' },
    ]);
    await snapshotAfter(p, V2);
    const deleted = () =>
      p.query(
        `select name, dbt_is_deleted as deleted, dbt_valid_to is null as current,
           dbt_scd_id, dbt_valid_from = dbt_updated_at as same_start
         from snapshots.orders_snap where id = 3 order by dbt_valid_from`,
      );
    const afterDelete = await deleted();
    expect(afterDelete.map(({ dbt_scd_id: _, ...r }) => r)).toEqual([
      { name: 'cyd', deleted: 'False', current: false, same_start: true },
      { name: 'cyd', deleted: 'True', current: true, same_start: true },
    ]);
    expect(afterDelete[0]!.dbt_scd_id).not.toBe(afterDelete[1]!.dbt_scd_id);
    // The deletion record starts when the old version ends.
    expect(
      await p.query(
        `select count(distinct t) as n from (
           select dbt_valid_to as t from snapshots.orders_snap where id = 3 and dbt_is_deleted = 'False'
           union all select dbt_valid_from from snapshots.orders_snap where id = 3 and dbt_is_deleted = 'True')`,
      ),
    ).toEqual([{ n: 1 }]);
    await snapshotAfter(p, V2);
    expect(await deleted()).toEqual(afterDelete);
    await snapshotAfter(p, [...V2, '3,cyd,2200-01-01 00:00:00']);
    expect((await deleted()).map((r) => [r.deleted, r.current])).toEqual([
      ['False', false],
      ['True', false],
      ['False', true],
    ]);
    // The deletion record ends where the revived version starts.
    expect(
      await p.query(
        `select count(*) as n from snapshots.orders_snap d join snapshots.orders_snap r
           on d.id = r.id and d.dbt_valid_to = r.dbt_valid_from
         where d.id = 3 and d.dbt_is_deleted = 'True' and r.dbt_valid_from = timestamp '2200-01-01'`,
      ),
    ).toEqual([{ n: 1 }]);
  });
});

describe('tsmodel snapshot: check strategy', () => {
  it('check_cols: a change to a checked column is a new version dated the snapshot time', async () => {
    const p = snapshotProject("unique_key='id', strategy='check', check_cols=['name']", V1);
    await snapshotAfter(p, V1);
    // ann's updated_at moves (not checked), bob's name changes (checked).
    await snapshotAfter(p, [
      '1,ann,2030-01-01 00:00:00',
      '2,bo,2024-01-01 00:00:00',
      '3,cyd,2024-01-01 00:00:00',
    ]);
    const rows = await p.query(
      `select id, name, dbt_valid_to is null as current, dbt_updated_at = dbt_valid_from as same,
         dbt_valid_from > timestamp '2024-06-01' as dated_now
       from snapshots.orders_snap order by id, dbt_valid_from`,
    );
    expect(rows).toEqual([
      { id: 1, name: 'ann', current: true, same: true, dated_now: true },
      { id: 2, name: 'bob', current: false, same: true, dated_now: true },
      { id: 2, name: 'bo', current: true, same: true, dated_now: true },
      { id: 3, name: 'cyd', current: true, same: true, dated_now: true },
    ]);
    const [bob, bo] = await p.query(
      `select dbt_valid_from, dbt_valid_to from snapshots.orders_snap where id = 2 order by dbt_valid_from`,
    );
    expect(bob!.dbt_valid_to).toEqual(bo!.dbt_valid_from);
  });

  it("check_cols: 'all' with a list unique_key, and nulls compared as values", async () => {
    const p = testProject({
      'seeds/raw_lines.csv': 'order_id,line,qty\n1,1,5\n1,2,\n2,1,7\n',
      'snapshots/lines_snap.sql':
        "{% snapshot lines_snap %}\n{{ config(target_schema='snapshots', unique_key=['order_id', 'line'], strategy='check', check_cols='all') }}\nselect * from {{ ref('raw_lines') }}\n{% endsnapshot %}\n",
    });
    const take = async (csv: string) => {
      p.write({ 'seeds/raw_lines.csv': csv });
      expect((await p.run('seed')).code).toBe(0);
      const r = await p.run('snapshot');
      expect(r.code, r.stderr).toBe(0);
    };
    await take('order_id,line,qty\n1,1,5\n1,2,\n2,1,7\n');
    // (1,2) null → 3, (2,1) unchanged, (1,1) unchanged: one new version.
    await take('order_id,line,qty\n1,1,5\n1,2,3\n2,1,7\n');
    await take('order_id,line,qty\n1,1,5\n1,2,3\n2,1,7\n');
    expect(
      await p.query(
        `select order_id, line, qty, dbt_valid_to is null as current
         from snapshots.lines_snap order by order_id, line, dbt_valid_from`,
      ),
    ).toEqual([
      { order_id: 1, line: 1, qty: 5, current: true },
      { order_id: 1, line: 2, qty: null, current: false },
      { order_id: 1, line: 2, qty: 3, current: true },
      { order_id: 2, line: 1, qty: 7, current: true },
    ]);
  });

  it("check_cols: 'all' versions every current row when the query gains a column, as dbt", async () => {
    const p = snapshotProject("unique_key='id', strategy='check', check_cols='all'", V1);
    await snapshotAfter(p, V1);
    await snapshotAfter(
      p,
      V1.map((r) => `${r},x`),
      `${HEADER},extra`,
    );
    expect(
      await p.query(
        `select id, extra, dbt_valid_to is null as current
         from snapshots.orders_snap order by id, dbt_valid_from`,
      ),
    ).toEqual([
      { id: 1, extra: null, current: false },
      { id: 1, extra: 'x', current: true },
      { id: 2, extra: null, current: false },
      { id: 2, extra: 'x', current: true },
      { id: 3, extra: null, current: false },
      { id: 3, extra: 'x', current: true },
    ]);
    await snapshotAfter(
      p,
      V1.map((r) => `${r},x`),
      `${HEADER},extra`,
    );
    expect(await p.query('select count(*) as n from snapshots.orders_snap')).toEqual([{ n: 6 }]);
  });
});

describe('tsmodel snapshot: configs', () => {
  it('snapshot_meta_column_names and dbt_valid_to_current name and fill its columns', async () => {
    const p = snapshotProject(
      "unique_key='id', strategy='timestamp', updated_at='updated_at', dbt_valid_to_current=\"timestamp '9999-12-31'\", snapshot_meta_column_names={'dbt_valid_from': 'valid_from', 'dbt_valid_to': 'valid_to', 'dbt_scd_id': 'version_id', 'dbt_updated_at': 'changed_at'}",
      V1,
    );
    await snapshotAfter(p, V1);
    await snapshotAfter(p, V2);
    expect((await p.query('describe snapshots.orders_snap')).map((c) => c.column_name)).toEqual([
      'id',
      'name',
      'updated_at',
      'version_id',
      'changed_at',
      'valid_from',
      'valid_to',
    ]);
    expect(
      await p.query(
        `select id, valid_to::varchar as valid_to,
           version_id = md5(coalesce(cast(id as varchar), '') || '|' || coalesce(cast(updated_at as varchar), '')) as hashed
         from snapshots.orders_snap order by id, valid_from`,
      ),
    ).toEqual([
      { id: 1, valid_to: '9999-12-31 00:00:00', hashed: true },
      { id: 2, valid_to: '2024-02-01 00:00:00', hashed: true },
      { id: 2, valid_to: '9999-12-31 00:00:00', hashed: true },
      { id: 3, valid_to: '9999-12-31 00:00:00', hashed: true },
      { id: 4, valid_to: '9999-12-31 00:00:00', hashed: true },
    ]);
  });

  it('a YAML snapshot of a ref, named by schema like a model, and --full-refresh keeps its history', async () => {
    const p = testProject({
      'seeds/raw_orders.csv': [HEADER, ...V1].join('\n') + '\n',
      'snapshots/snapshots.yml': [
        'snapshots:',
        '  - name: orders_history',
        "    relation: ref('raw_orders')",
        '    config:',
        '      schema: history',
        '      unique_key: id',
        '      strategy: timestamp',
        '      updated_at: updated_at',
        '',
      ].join('\n'),
    });
    expect((await p.run('seed')).code).toBe(0);
    expect((await p.run('snapshot')).code).toBe(0);
    p.write({ 'seeds/raw_orders.csv': [HEADER, ...V2].join('\n') + '\n' });
    expect((await p.run('seed')).code).toBe(0);
    const full = await p.run('snapshot', '--full-refresh');
    expect(full.code, full.stderr).toBe(0);
    expect(
      await p.query('select count(*) as n from main_history.orders_history where id = 2'),
    ).toEqual([{ n: 2 }]);
  });

  it('new columns of the query are added to the table, empty in older versions', async () => {
    const p = snapshotProject("unique_key='id', strategy='timestamp', updated_at='updated_at'", V1);
    await snapshotAfter(p, V1);
    await snapshotAfter(
      p,
      ['1,ann,2024-01-01 00:00:00,', '2,bob,2024-03-01 00:00:00,vip'],
      `${HEADER},tier`,
    );
    expect(await versions(p, ', tier')).toEqual([
      { id: 1, name: 'ann', tier: null, valid_from: '2024-01-01 00:00:00', valid_to: null },
      {
        id: 2,
        name: 'bob',
        tier: null,
        valid_from: '2024-01-01 00:00:00',
        valid_to: '2024-03-01 00:00:00',
      },
      { id: 2, name: 'bob', tier: 'vip', valid_from: '2024-03-01 00:00:00', valid_to: null },
      { id: 3, name: 'cyd', tier: null, valid_from: '2024-01-01 00:00:00', valid_to: null },
    ]);
  });

  it('a config without a strategy fails the compile, naming the file and the fix', async () => {
    const p = snapshotProject("unique_key='id'", V1);
    const r = await p.run('snapshot');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "snapshots/orders_snap.sql snapshot.shop.orders_snap: Snapshots must be configured with a 'strategy' and 'unique_key'",
    );
  });
});

describe('tsmodel snapshot: failures leave the table as it was', () => {
  it('a failing snapshot query, or a merge failing after its update, changes nothing', async () => {
    const p = snapshotProject("unique_key='id', strategy='timestamp', updated_at='updated_at'", V1);
    await snapshotAfter(p, V1);
    const before = await versions(p);
    // The query fails at run time, on its rows.
    p.write({
      'snapshots/orders_snap.sql': `{% snapshot orders_snap %}\n{{ config(target_schema='snapshots', unique_key='id', strategy='timestamp', updated_at='updated_at') }}\nselect id, name, updated_at, cast(name as integer) as broken from {{ ref('raw_orders') }}\n{% endsnapshot %}\n`,
    });
    const broken = await p.run('snapshot');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('ERROR creating snapshot snapshots.orders_snap');
    expect(await versions(p)).toEqual(before);
    expect(await p.relations('snapshots')).toEqual(['orders_snap']);

    // The insert of new versions fails after the update closed the old ones, in the same run
    // that added a column: the transaction takes all of it back.
    p.write({
      'snapshots/orders_snap.sql': `{% snapshot orders_snap %}\n{{ config(target_schema='snapshots', unique_key='id', strategy='timestamp', updated_at='updated_at') }}\nselect *, 'x' as extra from {{ ref('raw_orders') }}\n{% endsnapshot %}\n`,
    });
    await p.query('alter table snapshots.orders_snap alter column name set not null');
    const failing = await snapshotAfterExpectingFailure(p, [
      '1,ann,2024-01-01 00:00:00',
      '2,,2024-02-01 00:00:00',
      '3,cyd,2024-01-01 00:00:00',
    ]);
    expect(failing).toContain("step 'insert new versions'");
    expect(failing).toMatch(/NOT NULL constraint failed/i);
    expect(await versions(p)).toEqual(before);
    expect(
      (await p.query('describe snapshots.orders_snap')).map((c) => c.column_name),
    ).not.toContain('extra');
    expect(await p.relations('snapshots')).toEqual(['orders_snap']);
  });
});

async function snapshotAfterExpectingFailure(p: TestProject, rows: string[]): Promise<string> {
  p.write({ 'seeds/raw_orders.csv': [HEADER, ...rows].join('\n') + '\n' });
  expect((await p.run('seed')).code).toBe(0);
  const snap = await p.run('snapshot');
  expect(snap.code).toBe(1);
  return snap.stdout + snap.stderr;
}

describe('snapshots in build and selection', () => {
  it('build runs seeds, snapshots, their tests and their children in DAG order', async () => {
    const p = testProject({
      'seeds/raw_orders.csv': [HEADER, ...V1].join('\n') + '\n',
      'snapshots/orders_snap.sql': `{% snapshot orders_snap %}\n{{ config(target_schema='snapshots', unique_key='id', strategy='timestamp', updated_at='updated_at') }}\nselect * from {{ ref('raw_orders') }}\n{% endsnapshot %}\n`,
      'models/current_orders.sql':
        "select id, name from {{ ref('orders_snap') }} where dbt_valid_to is null",
      'snapshots/schema.yml': [
        'snapshots:',
        '  - name: orders_snap',
        '    columns:',
        '      - name: dbt_scd_id',
        '        data_tests: [unique, not_null]',
        '',
      ].join('\n'),
    });
    const build = await p.run('build');
    expect(build.code, build.stdout + build.stderr).toBe(0);
    const order = (name: string) => build.stdout.indexOf(name);
    expect(order('OK loaded seed file main.raw_orders')).toBeGreaterThan(-1);
    expect(order('OK snapshotted snapshot snapshots.orders_snap')).toBeGreaterThan(
      order('OK loaded seed file main.raw_orders'),
    );
    expect(order('PASS unique_orders_snap_dbt_scd_id')).toBeGreaterThan(
      order('OK snapshotted snapshot snapshots.orders_snap'),
    );
    expect(order('OK created sql view model main.current_orders')).toBeGreaterThan(
      order('PASS unique_orders_snap_dbt_scd_id'),
    );
    expect(await p.query('select count(*) as n from current_orders')).toEqual([{ n: 3 }]);
    const results = JSON.parse(readFileSync(join(p.dir, 'target/run_results.json'), 'utf8'));
    expect(results.args.which).toBe('build');
    expect(
      results.results.find(
        (r: { unique_id: string }) => r.unique_id === 'snapshot.shop.orders_snap',
      ),
    ).toMatchObject({
      status: 'success',
      message: 'SELECT 3',
      relation_name: '"shop"."snapshots"."orders_snap"',
      adapter_response: { _message: 'SELECT 3', rows_affected: 3 },
    });
  });

  it('snapshot --select / --exclude and resource_type:snapshot pick snapshots', async () => {
    const snapshot = (name: string) =>
      `{% snapshot ${name} %}\n{{ config(target_schema='snapshots', unique_key='id', strategy='check', check_cols='all') }}\nselect 1 as id\n{% endsnapshot %}\n`;
    const p = testProject({
      'snapshots/a.sql': snapshot('a'),
      'snapshots/b.sql': snapshot('b'),
      'models/m.sql': 'select 1 as id',
    });
    const one = await p.run('snapshot', '--select', 'a');
    expect(one.code).toBe(0);
    expect(await p.relations('snapshots')).toEqual(['a']);
    const rest = await p.run('snapshot', '--exclude', 'a');
    expect(rest.code).toBe(0);
    expect(rest.stdout).toContain('OK snapshotted snapshot snapshots.b');
    expect(rest.stdout).not.toContain('snapshots.a ');
    const byType = await p.run('build', '--select', 'resource_type:snapshot');
    expect(byType.code).toBe(0);
    expect(byType.stdout).toContain('Running 2 nodes');
    expect(await p.relations()).toEqual([]);
    const results = JSON.parse(readFileSync(join(p.dir, 'target/run_results.json'), 'utf8'));
    expect(results.results.map((r: { message: string }) => r.message)).toEqual([
      'INSERT 0',
      'INSERT 0',
    ]);
    const none = await p.run('snapshot', '--select', 'm');
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('Nothing to do: the selection has no snapshot nodes');
  });
});

describe('tsmodel snapshot: sql_header', () => {
  it('runs the header before the table is created and before each staging, as dbt', async () => {
    const p = testProject({
      'seeds/raw_orders.csv': [HEADER, ...V1].join('\n') + '\n',
      // The query calls a temporary macro only the header defines: without it, it fails.
      'snapshots/orders_snap.sql': `{% snapshot orders_snap %}
{{ config(target_schema='snapshots', unique_key='id', strategy='timestamp', updated_at='updated_at') }}
{% call set_sql_header(config) %}create or replace temp macro tenfold(x) as x * 10{% endcall %}
select id, name, updated_at, tenfold(id) as tens from {{ ref('raw_orders') }}
{% endsnapshot %}
`,
    });
    expect((await p.run('seed')).code).toBe(0);
    const first = await p.run('snapshot');
    expect(first.code, first.stdout + first.stderr).toBe(0);
    await snapshotAfter(p, V2);
    expect(
      await p.query(
        'select id, name, tens from snapshots.orders_snap where dbt_valid_to is null order by id',
      ),
    ).toEqual([
      { id: 1, name: 'ann', tens: 10 },
      { id: 2, name: 'bo', tens: 20 },
      { id: 3, name: 'cyd', tens: 30 },
      { id: 4, name: 'dee', tens: 40 },
    ]);
    const executed = readFileSync(
      join(p.dir, 'target', 'run', 'shop', 'snapshots', 'orders_snap.sql'),
      'utf8',
    );
    const header = executed.indexOf('create or replace temp macro tenfold');
    expect(header).toBeGreaterThanOrEqual(0);
    expect(header).toBeLessThan(executed.indexOf('orders_snap__tsmodel_tmp'));
  });
});
