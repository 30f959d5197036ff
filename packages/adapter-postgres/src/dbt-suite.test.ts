import { describe, it } from 'vitest';
import { runDbtSuite } from '@tsmodel/adapter-testkit';
import { createPostgresAdapter } from './postgres-adapter';
import { targetFromUrl } from './target-from-url';

const url = process.env.TSMODEL_PG_URL;

if (!url) {
  describe('dbt adapter suite: postgres', () => {
    it.skip('needs a real server: set TSMODEL_PG_URL=postgres://user:password@host:port/db', () => {});
  });
} else {
  // Every case builds in a schema of its own (named by process and time), so runs can share
  // a server; each module drops its schemas when it ends.
  runDbtSuite('postgres', () => {
    const output = (schema: string) => {
      const { name: _n, profile_name: _p, ...rest } = targetFromUrl('postgres', url, schema);
      return { ...rest, threads: 4 };
    };
    const adapter = (schema: string) =>
      createPostgresAdapter(targetFromUrl('postgres', url, schema), { projectRoot: process.cwd() });
    return {
      type: 'postgres',
      output,
      adapter,
      async cleanup(schemas) {
        if (schemas.length === 0) return;
        const a = adapter(schemas[0]!);
        try {
          const conn = await a.connect();
          const rows = await conn.query<{ nspname: string }>(
            `select nspname from pg_namespace where ${schemas.map((_, i) => `starts_with(nspname, $${i + 1})`).join(' or ')}`,
            schemas,
          );
          for (const { nspname } of rows)
            await conn.execute(
              `drop schema if exists ${a.dialect.quoteIdentifier(nspname)} cascade`,
              {
                label: 'drop dbt suite schema',
              },
            );
        } finally {
          await a.close();
        }
      },
    };
  });
}
