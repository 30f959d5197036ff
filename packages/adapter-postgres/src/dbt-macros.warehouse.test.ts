import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter, Connection } from '@tsmodel/core/adapter';
import { dbtMacroCaseQuery, dbtMacroCasesFor, expectedValue } from '@tsmodel/adapter-testkit';
import { createPostgresAdapter, createRedshiftAdapter } from './postgres-adapter';
import { targetFromUrl } from './target-from-url';

/** Every `dbt.` cross-database macro executed on a real server, against dbt's documented value. */
const servers = [
  { type: 'postgres', env: 'TSMODEL_PG_URL', create: createPostgresAdapter },
  { type: 'redshift', env: 'TSMODEL_REDSHIFT_URL', create: createRedshiftAdapter },
];

for (const { type, env, create } of servers) {
  const url = process.env[env];
  describe(`dbt namespace macros on ${type}`, () => {
    if (!url) {
      it.skip(`needs a real server: set ${env}=postgres://user:password@host:port/db`, () => {});
      return;
    }
    let adapter: Adapter;
    let conn: Connection;
    beforeAll(async () => {
      adapter = create(targetFromUrl(type, url, 'public'), { projectRoot: process.cwd() });
      conn = await adapter.connect();
    });
    afterAll(async () => {
      await conn?.close();
      await adapter?.close();
    });

    for (const c of dbtMacroCasesFor(type)) {
      it(c.name, async () => {
        const rows = await conn.query<{ v: string | null }>(dbtMacroCaseQuery(type, c));
        expect(rows).toEqual([{ v: expectedValue(c, type) }]);
      });
    }
  });
}
