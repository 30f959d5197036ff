/** `tsmodel source freshness` on a real PostgreSQL (TSMODEL_PG_URL): ages from the server's clock. */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../test-io';

const url = process.env.TSMODEL_PG_URL;

describe.skipIf(!url)('tsmodel source freshness on PostgreSQL', () => {
  it('passes, warns and errors by the age of the newest row; a failing query is a runtime error', async () => {
    const u = new URL(url!);
    const schema = `fresh_${process.pid}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const utc = (i: string) => `(now() at time zone 'UTC') - interval '${i}'`;
      await client.query(`drop schema if exists ${schema} cascade; create schema ${schema};
        create table ${schema}.fresh as select ${utc('5 minutes')} as loaded_at;
        create table ${schema}.stale as select ${utc('3 days')} as loaded_at;
        create table ${schema}.aware as select now() - interval '2 hours' as loaded_at;`);
      const dir = tempProject({
        'dbt_project.yml': 'name: shop\nprofile: pg\n',
        'profiles.yml':
          `pg:\n  outputs:\n    dev:\n      type: postgres\n      host: ${u.hostname}\n      port: ${u.port}\n` +
          `      user: ${decodeURIComponent(u.username)}\n      password: "{{ env_var('PGPW') }}"\n` +
          `      dbname: ${u.pathname.slice(1)}\n      schema: ${schema}\n`,
        'models/sources.yml': `version: 2
sources:
  - name: raw
    schema: ${schema}
    loaded_at_field: loaded_at
    freshness: {warn_after: {count: 1, period: hour}, error_after: {count: 1, period: day}}
    tables: [{name: fresh}, {name: stale}, {name: aware}, {name: missing}]
`,
      });
      const r = await runCli(['source', 'freshness'], dir, {
        PGPW: decodeURIComponent(u.password),
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/PASS freshness of raw\.fresh/);
      expect(r.stdout + r.stderr).toMatch(/WARN freshness of raw\.aware: newest row 7\d\d\d s old/);
      expect(r.stderr).toMatch(/ERROR STALE freshness of raw\.stale/);
      expect(r.stderr).toMatch(/ERROR freshness of raw\.missing: .*does not exist/);
    } finally {
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  });
});
