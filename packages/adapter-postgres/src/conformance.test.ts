import { afterAll, describe, it } from 'vitest';
import { runConformance } from '@tsmodel/adapter-testkit';
import { createPostgresAdapter, createRedshiftAdapter } from './postgres-adapter';
import { targetFromUrl } from './target-from-url';

const servers = [
  {
    type: 'postgres',
    env: 'TSMODEL_PG_URL',
    factory: createPostgresAdapter,
    slowQuery: 'select pg_sleep(60)',
  },
  {
    type: 'redshift',
    env: 'TSMODEL_REDSHIFT_URL',
    factory: createRedshiftAdapter,
    // Redshift has no pg_sleep: a catalog cross join that runs far longer than the test waits.
    slowQuery:
      'select count(*) from pg_catalog.pg_class a, pg_catalog.pg_class b, pg_catalog.pg_class c, pg_catalog.pg_class d',
  },
];

for (const { type, env, factory, slowQuery } of servers) {
  const url = process.env[env];
  if (!url) {
    describe(`adapter conformance: ${type}`, () => {
      it.skip(`needs a real server: set ${env}=postgres://user:password@host:port/db`, () => {});
    });
    continue;
  }
  // Unique per run, so concurrent runs and leftovers of a killed one never collide.
  const schema = `tsmodel_conformance_${process.pid}_${Date.now().toString(36)}`;
  const target = targetFromUrl(type, url, schema);
  // With the database named, every relation is rendered three-part, as with `database:` in a profile.
  runConformance(type, () => factory(target, { projectRoot: process.cwd() }), {
    database: target.dbname as string,
    schema,
    slowQuery,
  });
  afterAll(async () => {
    const adapter = factory(target, { projectRoot: process.cwd() });
    const conn = await adapter.connect();
    await conn.execute(`drop schema if exists ${adapter.dialect.quoteIdentifier(schema)} cascade`, {
      label: 'drop conformance schema',
    });
    await adapter.close();
  });
}
