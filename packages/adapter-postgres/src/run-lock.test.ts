/**
 * Issue 9, items 8 and 9 on a real PostgreSQL server: two runs on one schema exclude each other
 * (the second waits, or fails with --no-wait, naming the first); a statement waiting on a lock
 * says who holds it and gives up after lock_timeout naming them; a killed run's orphaned session
 * still holding locks is ended by the next run instead of blocking it.
 */
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { pgTestProject, type PgTestProject } from './pg-test-project';

const url = process.env.TSMODEL_PG_URL;

async function pidOf(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  return rows[0]!.pid;
}

describe.skipIf(!url)('runs on one PostgreSQL schema (TSMODEL_PG_URL)', () => {
  const projects: PgTestProject[] = [];
  const project = (...args: Parameters<typeof pgTestProject>) => {
    const p = pgTestProject(...args);
    projects.push(p);
    return p;
  };
  afterAll(async () => {
    for (const p of projects.reverse()) await p.cleanup();
  });

  it('a second run waits for the first (or fails with --no-wait), naming the session that holds the schema', async () => {
    // Two checkouts of one project: the same schema, separate target/ folders. lock_timeout 0:
    // the first run waits on the test's lock for as long as the test holds it.
    const files = {
      'models/gated.sql':
        "{{ config(materialized='table') }}\nselect x from {{ target.schema }}.gate",
    };
    const first = project(url!, 'lock', files, { lock_timeout: 0 });
    const second = project(url!, 'lock', files);
    await first.sql(`create schema "${first.schema}"`);
    await first.sql(`create table "${first.schema}".gate as select 1 as x`);
    const gate = await first.session('gatekeeper');
    const gatePid = await pidOf(gate);
    await gate.query('begin');
    await gate.query(`lock table "${first.schema}".gate in access exclusive mode`);

    const running = first.start('run');
    let waiting: ReturnType<typeof second.start> | undefined;
    try {
      // The first run is stuck on the test's lock, and says who holds it.
      await running.waitFor(
        new RegExp(
          `Waiting for a lock: create table of model\\.shop\\.gated is blocked by pid ${gatePid} \\(application_name 'gatekeeper'`,
        ),
      );
      const [holder] = await first.sql<{ pid: number; application_name: string }>(
        "select pid, application_name from pg_stat_activity where datname = current_database() and application_name like 'tsmodel/%' and wait_event_type = 'Lock'",
      );

      const noWait = await second.run('run', '--no-wait');
      expect(noWait.code).toBe(1);
      expect(noWait.output).toContain(`another tsmodel run is writing schema ${first.schema}: pid`);
      expect(noWait.output).toContain(`application_name '${holder!.application_name}'`);
      expect(noWait.output).toContain('not waiting (--no-wait)');

      waiting = second.start('run');
      await waiting.waitFor(
        new RegExp(
          `Waiting for another tsmodel run writing schema ${first.schema} to finish: pid \\d+ \\(application_name '${holder!.application_name}'`,
        ),
      );
      await gate.query('commit');
      const [a, b] = await Promise.all([running.done, waiting.done]);
      expect(a.code).toBe(0);
      expect(b.output).toContain(`Schema ${first.schema} is free`);
      expect(b.code).toBe(0);
      expect(await first.sql(`select x from "${first.schema}".gated`)).toEqual([{ x: 1 }]);
    } finally {
      await gate.query('rollback').catch(() => undefined);
      running.child.kill();
      waiting?.child.kill();
    }
  });

  it('a statement blocked by another session gives up after lock_timeout, naming that session', async () => {
    const p = project(
      url!,
      'locktimeout',
      {
        'models/orders.sql': "{{ config(materialized='table') }}\nselect 1 as id",
      },
      { lock_timeout: 2 },
    );
    expect((await p.run('run')).code).toBe(0);
    const analyst = await p.session('analyst-session');
    const analystPid = await pidOf(analyst);
    await analyst.query('begin');
    await analyst.query(`lock table "${p.schema}".orders in access share mode`);
    const { code, output } = await p.run('run');
    await analyst.query('rollback');
    expect(code).toBe(1);
    expect(output).toContain(
      `lock_timeout (2s) reached, blocked by pid ${analystPid} (application_name 'analyst-session'`,
    );
    expect(await p.sql(`select id from "${p.schema}".orders`)).toEqual([{ id: 1 }]);
  });

  it("ends a killed run's orphaned session that still holds a lock in the schema, and runs", async () => {
    const p = project(
      url!,
      'orphan',
      {
        'models/orders.sql': "{{ config(materialized='table') }}\nselect 2 as id",
      },
      { lock_timeout: 5 },
    );
    await p.sql(`create schema "${p.schema}"`);
    await p.sql(`create table "${p.schema}".orders as select 1 as id`);
    // What a SIGKILLed run leaves: a tsmodel-named session, no run lock, a lock in our schema
    // and a statement that keeps running.
    const orphan = await p.session('tsmodel/00000000-0000-4000-8000-00000000dead');
    const orphanPid = await pidOf(orphan);
    await orphan.query('begin');
    await orphan.query(`lock table "${p.schema}".orders in access exclusive mode`);
    const stillRunning = orphan.query('select pg_sleep(600)').then(
      () => 'finished',
      () => 'ended',
    );
    const { code, output } = await p.run('run');
    expect(output).toContain(
      `Ended session pid ${orphanPid} (application_name 'tsmodel/00000000-0000-4000-8000-00000000dead'`,
    );
    expect(output).toContain('query started');
    expect(code).toBe(0);
    expect(await stillRunning).toBe('ended');
    expect(await p.sql(`select id from "${p.schema}".orders`)).toEqual([{ id: 2 }]);
  });
});
