/**
 * The project files dbt reads, end to end: analyses are compiled and never run, snapshots run
 * with `build` and `snapshot`, generic tests from tests/generic/ run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linesWith, testProject } from './run-fixtures';

const FILES = {
  'models/orders.sql': "select 1 as id, 'placed' as status",
  'analyses/order_count.sql': "select count(*) as n from {{ ref('orders') }}",
  'tests/generic/is_positive.sql':
    '{% test is_positive(model, column_name) %}\nselect * from {{ model }} where {{ column_name }} <= 0\n{% endtest %}\n',
  'snapshots/orders_snapshot.sql':
    "{% snapshot orders_snapshot %}\n{{ config(target_schema='snapshots', unique_key='id', strategy='check', check_cols='all') }}\nselect * from {{ ref('orders') }}\n{% endsnapshot %}\n",
  'models/schema.yml': [
    'version: 2',
    'models:',
    '  - name: orders',
    '    columns:',
    '      - name: id',
    '        tests: [is_positive]',
    'snapshots:',
    '  - name: orders_snapshot',
    '    columns:',
    '      - name: id',
    '        tests: [not_null]',
    '',
  ].join('\n'),
};

describe('analyses, snapshots and generic tests in a build', () => {
  it('build runs models, the snapshot and tests, and compiles analyses', async () => {
    const p = testProject(FILES);
    const build = await p.run('build');
    expect(build.code).toBe(0);
    expect(linesWith(build.stdout, 'PASS is_positive_orders_id')).toHaveLength(1);
    expect(
      linesWith(build.stdout, 'OK snapshotted snapshot snapshots.orders_snapshot'),
    ).toHaveLength(1);
    expect(linesWith(build.stdout, 'PASS not_null_orders_snapshot_id')).toHaveLength(1);
    expect(build.stdout).not.toMatch(/order_count/);
    expect(linesWith(build.stderr, 'warning:')).toEqual([]);
    expect(await p.relations()).toEqual(['orders']);
    expect(await p.relations('snapshots')).toEqual(['orders_snapshot']);
    expect(readFileSync(join(p.dir, 'target/compiled/shop/analyses/order_count.sql'), 'utf8')).toBe(
      'select count(*) as n from "shop"."main"."orders"',
    );
  });

  it('run -s an analysis or a snapshot builds nothing; `snapshot` takes the snapshot', async () => {
    const p = testProject(FILES);
    const run = await p.run('run', '-s', 'order_count', 'orders_snapshot');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Nothing to do: the selection has no model nodes');
    expect(existsSync(p.db) ? await p.relations('snapshots') : []).toEqual([]);
    expect((await p.run('run')).code).toBe(0);
    const snapshot = await p.run('snapshot');
    expect(snapshot.code).toBe(0);
    expect(await p.query('select id, status from snapshots.orders_snapshot')).toEqual([
      { id: 1, status: 'placed' },
    ]);
  });
});
