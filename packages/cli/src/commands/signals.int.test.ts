/**
 * Ctrl-C, SIGTERM and SIGHUP cancel a run alike, through the real bin on dist/: the running
 * node ends `cancelled`, the ones never started `skipped`, staging is dropped, the previous
 * tables stay, and the exit code is 128 + the signal's number. The signal is sent while the
 * slow statement is known to be running (see signal-gate.ts), never after a sleep.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';
import { interruptWhenRunning, pipeGate } from './signal-gate';

function runResults(dir: string): Record<string, { status: string; message: string }> {
  const artifact = JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')) as {
    results: Array<{ unique_id: string; status: string; message: string }>;
  };
  return Object.fromEntries(artifact.results.map((r) => [r.unique_id, r]));
}

describe('a signal cancels the run', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s: the running node is cancelled, the rest skipped, the old table kept, exit %i',
    async (signal, exitCode) => {
      const p = testProject({
        'models/slow.sql': "{{ config(materialized='table') }}\nselect 1 as n",
        'models/slow_child.sql': "select * from {{ ref('slow') }}",
      });
      expect((await p.run('run')).code).toBe(0);
      const gate = pipeGate(p.dir);
      p.write({
        'models/slow.sql': `{{ config(materialized='table') }}\nselect count(*) as n from ${gate.sql}`,
      });

      const { code, killedBy, out, err } = await interruptWhenRunning(
        p.dir,
        ['run', '--threads', '1'],
        signal,
        gate,
      );
      expect(killedBy).toBeNull();
      expect(code).toBe(exitCode);
      expect(out).toMatch(/1 of 2 CANCELLED sql table model main\.slow /);
      expect(out).toMatch(/2 of 2 SKIP sql view model main\.slow_child /);
      expect(err).toContain(`Cancelled by ${signal}: running queries were interrupted`);
      expect(out).toContain('SKIP=1 CANCELLED=1 TOTAL=2');
      const results = runResults(p.dir);
      expect(results['model.shop.slow']!.status).toBe('cancelled');
      expect(results['model.shop.slow']!.message).toMatch(new RegExp(`^cancelled by ${signal}: `));
      expect(results['model.shop.slow_child']).toMatchObject({
        status: 'skipped',
        message: 'skipped: run cancelled',
      });
      expect(await p.query('select n from slow')).toEqual([{ n: 1 }]);
      expect(await p.relations()).toEqual(['slow', 'slow_child']);
    },
  );

  it('drops the staging table of an incremental model cancelled in its merge', async () => {
    const p = testProject({
      'models/events.sql':
        "{{ config(materialized='incremental', unique_key='id', incremental_strategy='delete+insert') }}\n" +
        'select 1 as id, 10 as v',
    });
    expect((await p.run('run')).code).toBe(0);
    const gate = pipeGate(p.dir);
    // Staging is fast; the delete of replaced rows then waits on the gate.
    p.write({
      'models/events.sql':
        "{{ config(materialized='incremental', unique_key='id', incremental_strategy='delete+insert'," +
        ` incremental_predicates=["exists (select 1 from ${gate.sql})"]) }}\n` +
        'select 1 as id, 20 as v',
    });

    const { code, out } = await interruptWhenRunning(p.dir, ['run'], 'SIGTERM', gate);
    expect(code).toBe(143);
    expect(out).toContain('Dropped main.events__tsmodel_tmp, staged by a cancelled node');
    expect(runResults(p.dir)['model.shop.events']!.status).toBe('cancelled');
    expect(await p.relations()).toEqual(['events']);
    expect(await p.query('select id, v from events')).toEqual([{ id: 1, v: 10 }]);
  });
});
