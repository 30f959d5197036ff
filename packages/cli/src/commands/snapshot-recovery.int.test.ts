/**
 * Snapshot runs SIGKILLed at random statements on DuckDB, each followed by a clean run, end
 * with the history of runs never interrupted. Spawns the real bin on dist/ (as
 * recovery.int.test.ts); PostgreSQL's kill loop is in adapter-postgres/snapshot-kill-loop.test.ts.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testProject, type TestProject } from './run-fixtures';

const bin = fileURLToPath(new URL('../../../../bin/tsmodel.js', import.meta.url));

/** Starts `tsmodel snapshot --debug` and SIGKILLs it right after the statement labelled `label`. */
function killAt(cwd: string, label: string): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [bin, 'snapshot', '--debug', '--log-format', 'json', '--threads', '1'],
      { cwd, env: { ...process.env, NO_COLOR: '1' } },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`"label":"${label}"`)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

const SNAPSHOT = `{% snapshot orders_snap %}
{{ config(target_schema='snapshots', unique_key='id', strategy='timestamp', updated_at='updated_at', hard_deletes='new_record') }}
select * from {{ ref('raw_orders') }}
{% endsnapshot %}
`;
const BATCHES = [
  'id,name,updated_at\n1,a,2024-01-01\n2,b,2024-01-01\n3,c,2024-01-01\n',
  'id,name,updated_at\n1,a,2024-01-01\n2,bb,2024-01-02\n4,d,2024-01-02\n',
  'id,name,updated_at\n1,aa,2024-01-03\n3,c,2024-01-03\n4,d,2024-01-02\n',
];
const LABELS = [
  'read snapshot query columns',
  'stage snapshot changes',
  'close changed rows',
  'insert new versions',
  'drop staging',
];

/** The history without the snapshot clock's times (deletion records are dated by it). */
const history = (p: TestProject) =>
  p.query(
    `select id, name, cast(updated_at as varchar) as updated_at, dbt_is_deleted,
       dbt_valid_to is null as current
     from snapshots.orders_snap order by all`,
  );

describe('snapshot recovery after SIGKILL', () => {
  it('runs killed at random statements converge to the uninterrupted history', async () => {
    const seed = Number(process.env.TSMODEL_KILL_SEED ?? Date.now() % 1000);
    const files = { 'snapshots/orders_snap.sql': SNAPSHOT };
    const reference = testProject(files);
    const killed = testProject(files);
    for (const [i, csv] of BATCHES.entries()) {
      for (const p of [reference, killed]) {
        p.write({ 'seeds/raw_orders.csv': csv });
        expect((await p.run('seed')).code).toBe(0);
      }
      expect((await reference.run('snapshot')).code).toBe(0);
      const label = i === 0 ? 'create snapshot table' : LABELS[(seed + i) % LABELS.length]!;
      expect(await killAt(killed.dir, label), `seed ${seed}, batch ${i + 1}: ${label}`).toBe(
        'SIGKILL',
      );
      const again = await killed.run('snapshot');
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect(await history(killed), `seed ${seed}, batch ${i + 1}: ${label}`).toEqual(
        await history(reference),
      );
      expect(await killed.relations('snapshots')).toEqual(['orders_snap']);
    }
  }, 120_000);
});
