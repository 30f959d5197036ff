/**
 * A signal cancels a run on a real PostgreSQL server (TSMODEL_PG_URL) through the bin on
 * dist/: the table swap's transaction rolls back, an incremental model's staging table is
 * dropped, the previous tables stay, and the exit code is 128 + the signal's number. The
 * signal is sent once the server shows the slow statement running (pg_stat_activity).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../test-io';
import { interruptWhenRunning, type Gate } from './signal-gate';

const url = process.env.TSMODEL_PG_URL;

/** Resolves once a statement containing `marker` is active on the server. */
function serverGate(client: pg.Client, marker: string): Gate {
  let abandoned = false;
  return {
    running: async () => {
      while (!abandoned) {
        const { rows } = await client.query(
          `select 1 from pg_stat_activity
           where state = 'active' and pid <> pg_backend_pid() and position($1 in query) > 0`,
          [marker],
        );
        if (rows.length > 0) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    abandon: () => void (abandoned = true),
  };
}

describe.skipIf(!url)('a signal cancels a run on PostgreSQL (TSMODEL_PG_URL)', () => {
  const schema = `tsmodel_signals_${process.pid}`;
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client(url);
    await client.connect();
  });
  // Should a run die without cancelling, its sleeping statement must not block the next test.
  afterEach(async () => {
    await client.query(
      `select pg_cancel_backend(pid) from pg_stat_activity
       where pid <> pg_backend_pid() and (position('slow_swap' in query) > 0
         or position('slow_delete' in query) > 0)`,
    );
  });
  afterAll(async () => {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });

  function project(files: Record<string, string>): string {
    const u = new URL(url!);
    const dir = tempProject({
      'project.yml': 'name: shop\nversion: "1.0.0"\nprofile: shop\n',
      ...files,
    });
    const target = {
      type: 'postgres',
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      dbname: u.pathname.slice(1),
      schema,
      threads: 1,
    };
    writeFileSync(
      join(dir, 'profiles.yml'),
      JSON.stringify({ shop: { target: 'pg', outputs: { pg: target } } }),
    );
    return dir;
  }
  function write(dir: string, files: Record<string, string>): void {
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  }
  async function relations(): Promise<string[]> {
    const { rows } = await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = $1 order by 1`,
      [schema],
    );
    return rows.map((r) => r.name);
  }

  it('SIGTERM rolls back the table swap, keeps the old table and exits 143', async () => {
    await client.query(`drop schema if exists ${schema} cascade`);
    const dir = project({ 'models/slow.sql': "{{ config(materialized='table') }}\nselect 1 as n" });
    expect((await runCli(['run'], dir)).code).toBe(0);
    write(dir, {
      'models/slow.sql':
        "{{ config(materialized='table') }}\nselect 2 as n from (select pg_sleep(600) as slow_swap) s",
    });
    const { code, out } = await interruptWhenRunning(
      dir,
      ['run'],
      'SIGTERM',
      serverGate(client, 'slow_swap'),
    );
    expect(code).toBe(143);
    expect(out).toMatch(/1 of 1 CANCELLED sql table model \S+\.slow /);
    expect((await client.query(`select n from ${schema}.slow`)).rows).toEqual([{ n: 1 }]);
    expect(await relations()).toEqual(['slow']);
  });

  it('SIGHUP drops the staging table of an incremental model cancelled in its delete', async () => {
    await client.query(`drop schema if exists ${schema} cascade`);
    const config =
      "materialized='incremental', unique_key='id', incremental_strategy='delete+insert'";
    const dir = project({
      'models/events.sql': `{{ config(${config}) }}\nselect 1 as id, 10 as v`,
    });
    expect((await runCli(['run'], dir)).code).toBe(0);
    write(dir, {
      'models/events.sql':
        `{{ config(${config}, incremental_predicates=["(select count(*) from pg_sleep(600) as slow_delete) > 0"]) }}\n` +
        'select 1 as id, 20 as v',
    });
    const { code, out } = await interruptWhenRunning(
      dir,
      ['run'],
      'SIGHUP',
      serverGate(client, 'slow_delete'),
    );
    expect(code, out).toBe(129);
    expect(out).toContain(`Dropped ${schema}.events__tsmodel_tmp, staged by a cancelled node`);
    expect(await relations()).toEqual(['events']);
    expect((await client.query(`select id, v from ${schema}.events`)).rows).toEqual([
      { id: 1, v: 10 },
    ]);
  });
});
