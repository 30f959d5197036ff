/**
 * `tsmodel snapshot` end to end on DuckDB: seed → snapshot → change the seed → snapshot, with
 * every row of the snapshot table asserted, for each strategy, hard_deletes mode and config.
 */
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
  const seed = await p.run('seed');
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
