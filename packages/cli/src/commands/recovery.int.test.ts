/**
 * A run killed mid-build (SIGKILL, no cleanup at all) followed by a new run converges: correct
 * tables, no `__tsmodel_tmp`/`__tsmodel_backup` relations left. Spawns the real bin on dist/.
 * Signals a run can catch (Ctrl-C, SIGTERM, SIGHUP) are in signals.int.test.ts.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

const bin = fileURLToPath(new URL('../../../../bin/tsmodel.js', import.meta.url));

/** Starts `tsmodel run` and sends `signal` once `marker` shows up on stdout. */
function runAndSignalAt(
  cwd: string,
  marker: string,
  signal: NodeJS.Signals,
): Promise<{ out: string; code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'run', '--threads', '1'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!sent && out.includes(marker)) sent = child.kill(signal);
    });
    child.on('error', reject);
    child.on('exit', (code, got) => resolve({ out, code, signal: got }));
  });
}

describe('recovery after an interrupted run', () => {
  it('a SIGKILLed run followed by a new run ends with correct tables and no leftovers', async () => {
    const slow = "{{ config(materialized='table') }}\nselect count(*) as n from range(3000000000)";
    const p = testProject({
      'models/fast.sql': "{{ config(materialized='table') }}\nselect {{ var('v', 1) }} as v",
      'models/slow.sql': "{{ config(materialized='table') }}\nselect 1 as n",
      'models/slow_child.sql':
        "{{ config(materialized='table') }}\nselect * from {{ ref('slow') }}",
    });
    expect((await p.run('run')).code).toBe(0);
    // An analyst's view outside the selection, on a table the killed run was rebuilding.
    await p.query('create schema analyst');
    await p.query('create view analyst.slow_report as select n * 10 as n10 from main.slow_child');
    p.write({ 'models/slow.sql': slow });
    const killed = await runAndSignalAt(p.dir, 'START sql table model main.slow', 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');

    p.write({ 'models/slow.sql': "{{ config(materialized='table') }}\nselect 2 as n" });
    const again = await p.run('run', '--vars', 'v: 3');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(await p.query('select n from slow_child')).toEqual([{ n: 2 }]);
    expect(await p.query('select v from fast')).toEqual([{ v: 3 }]);
    expect(await p.relations()).toEqual(['fast', 'slow', 'slow_child']);
    expect(await p.relations('analyst')).toEqual(['slow_report']);
    expect(await p.query('select n10 from analyst.slow_report')).toEqual([{ n10: 20 }]);
  }, 60_000);

  it('drops tmp and backup relations a killed run left behind, then builds over them', async () => {
    const p = testProject({
      'models/orders.sql': "{{ config(materialized='table') }}\nselect 1 as id",
      'models/orders_v.sql': 'select 2 as id',
    });
    expect((await p.run('run')).code).toBe(0);
    const instance = await DuckDBInstance.create(p.db);
    const conn = await instance.connect();
    await conn.run('create table orders__tsmodel_tmp as select 99 as id');
    await conn.run('create table orders__tsmodel_backup as select 98 as id');
    await conn.run('create view orders_v__tsmodel_backup as select 97 as id');
    conn.closeSync();
    instance.closeSync();

    const { code, stdout } = await p.run('run');
    expect(code).toBe(0);
    const dropped = stdout.indexOf(
      'Dropped main.orders__tsmodel_tmp, left behind by an interrupted run',
    );
    expect(dropped).toBeGreaterThanOrEqual(0);
    // Reported while preparing, before the run's first line.
    expect(dropped).toBeLessThan(stdout.indexOf('Running 2 nodes'));
    expect(await p.relations()).toEqual(['orders', 'orders_v']);
    expect(await p.query('select id from orders')).toEqual([{ id: 1 }]);
  });
});
