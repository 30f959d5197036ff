import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeed } from '@tsmodel/adapter-testkit';
import { TsmodelError } from '@tsmodel/core';
import { AdapterError, runSteps } from '@tsmodel/core/adapter';
import { planTable, planView, type PlanNode } from '@tsmodel/core/materializations';
import { targetFromUrl } from './target-from-url';
import {
  clientConfig,
  PostgresAdapter,
  createPostgresAdapter,
  createRedshiftAdapter,
} from './postgres-adapter';
import { parsePostgresProfile } from './profile';

const target = (extra: Record<string, unknown>) => ({
  type: 'postgres',
  name: 'dev',
  profile_name: 'p',
  schema: 'analytics',
  threads: 4,
  user: 'me',
  dbname: 'shop',
  ...extra,
});

describe('postgres profile', () => {
  it('takes env_var strings for numbers, database for dbname, and the type default port', () => {
    const profile = parsePostgresProfile(
      target({ port: '6543', connect_timeout: '3', dbname: undefined, database: 'db2' }),
      5432,
    );
    expect(profile).toMatchObject({ port: 6543, connectTimeout: 3, database: 'db2' });
    expect(parsePostgresProfile(target({}), 5439).port).toBe(5439);
    expect(parsePostgresProfile(target({ pass: 1234 }), 5432).password).toBe('1234');
  });

  it('rejects a bad key with the key and a hint listing the accepted ones', () => {
    const error = (() => {
      try {
        return parsePostgresProfile(target({ sslmode: 'on' }), 5432);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TsmodelError);
    expect((error as TsmodelError).message).toContain("invalid postgres target 'dev': sslmode");
    expect((error as TsmodelError).hint).toContain('verify-full');
  });

  it('requires dbname', () => {
    expect(() => parsePostgresProfile(target({ dbname: undefined }), 5432)).toThrow(/dbname/);
    expect(() => parsePostgresProfile(target({ port: 'nope' }), 5432)).toThrow(
      'port: expected a whole number',
    );
  });

  it('maps sslmode onto pg: require encrypts, verify-* also verifies, prefer does not', () => {
    const ssl = (sslmode?: string) =>
      clientConfig(parsePostgresProfile(target({ sslmode }), 5432)).ssl;
    expect(ssl('require')).toEqual({ rejectUnauthorized: false });
    expect(ssl('verify-full')).toBe(true);
    expect(ssl('prefer')).toBe(false);
    expect(ssl(undefined)).toBe(false);
  });

  it('bounds lock waits (lock_timeout, default 60 s) and names sessions <application_name>/<invocation>', () => {
    expect(parsePostgresProfile(target({}), 5432).lockTimeout).toBe(60);
    expect(parsePostgresProfile(target({ lock_timeout: '0' }), 5432).lockTimeout).toBe(0);
    const adapter = createPostgresAdapter(target({ application_name: 'nightly' }), {
      projectRoot: '/',
      invocationId: '6f1c2d3e-0000-4000-8000-000000000001',
    }) as PostgresAdapter;
    expect(adapter.sessionName).toBe('nightly/6f1c2d3e-0000-4000-8000-000000000001');
    const long = createPostgresAdapter(target({ application_name: 'x'.repeat(60) }), {
      projectRoot: '/',
      invocationId: 'abcdef',
    }) as PostgresAdapter;
    expect(Buffer.byteLength(long.sessionName)).toBe(63);
  });

  it('uses the redshift dialect for redshift targets', () => {
    const adapter = createRedshiftAdapter(
      { ...target({}), type: 'redshift' },
      { projectRoot: '/' },
    );
    expect(adapter.dialect.type).toBe('redshift');
  });
});

describe('postgres connection failures', () => {
  it('wraps a refused connection in an AdapterError naming the server', async () => {
    const adapter = createPostgresAdapter(
      target({ host: '127.0.0.1', port: 1, connect_timeout: 2 }),
      { projectRoot: '/' },
    );
    const error = await adapter.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).label).toBe('connect');
    expect((error as AdapterError).sql).toContain('me@127.0.0.1:1/shop');
  });
});

const url = process.env.TSMODEL_PG_URL;
describe.skipIf(!url)('postgres session (TSMODEL_PG_URL)', () => {
  const create = (extra: Record<string, unknown> = {}) =>
    createPostgresAdapter(
      { ...targetFromUrl('postgres', url!, 'public'), ...extra },
      { projectRoot: '/' },
    );

  it('reports rows affected, binds parameters, returns int8 as bigint, applies search_path', async () => {
    const adapter = create({ search_path: 'pg_catalog, public' });
    const conn = await adapter.connect();
    await conn.execute('create temporary table t (id integer)', { label: 'setup' });
    const insert = await conn.execute('insert into t values (1), (2), (3)', { label: 'insert' });
    expect(insert).toEqual({ rowsAffected: 3, message: 'INSERT 3' });
    expect(await conn.query('select id from t where id > $1 order by id', [1])).toEqual([
      { id: 2 },
      { id: 3 },
    ]);
    expect(await conn.query('select count(*) as n from t')).toEqual([{ n: 3n }]);
    expect(await conn.query('show search_path')).toEqual([{ search_path: 'pg_catalog, public' }]);
    await adapter.close();
  });

  it('learns MERGE support from the server version', async () => {
    const adapter = create();
    const conn = await adapter.connect();
    const [row] = await conn.query<{ v: string }>(
      "select current_setting('server_version_num') as v",
    );
    expect(adapter.dialect.capabilities.merge).toBe(Number(row!.v) >= 150000);
    await adapter.close();
  });

  it('never lets another statement run inside a transaction on the same connection', async () => {
    const adapter = create();
    const conn = await adapter.connect();
    await conn.execute('create temporary table log (step text)', { label: 'setup' });
    const tx = conn.transaction(async (t) => {
      await t.execute("insert into log values ('in-tx')", { label: 'a' });
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('abort');
    });
    const outside = conn.execute("insert into log values ('outside')", { label: 'b' });
    await expect(tx).rejects.toThrow('abort');
    await outside;
    expect(await conn.query('select step from log')).toEqual([{ step: 'outside' }]);
    await adapter.close();
  });

  it('rebuilds a view that a table swap dropped by cascade, though the run still lists it', async () => {
    const adapter = create();
    const conn = await adapter.connect();
    const schema = `tsmodel_cascade_${process.pid}`;
    const node = (identifier: string, sql: string): PlanNode => ({
      unique_id: `model.t.${identifier}`,
      relation: { schema, identifier },
      sql,
      config: {
        enabled: true,
        materialized: 'table',
        tags: [],
        pre_hook: [],
        post_hook: [],
        meta: {},
      },
    });
    const dialect = adapter.dialect;
    const flags = { fullRefresh: false };
    await conn.execute(`create schema ${schema}`, { label: 'setup' });
    try {
      const base = node('base', 'select 1 as id');
      const view = node('downstream', `select id from ${schema}.base`);
      await runSteps(conn, planTable({ node: base, flags, dialect }));
      await runSteps(conn, planView({ node: view, flags, dialect }));
      // The swap drops the old table's backup with cascade, taking the bound view with it.
      await runSteps(conn, planTable({ node: base, existing: { kind: 'table' }, flags, dialect }));
      // The runner listed the schema before, so it still believes the view exists.
      await runSteps(conn, planView({ node: view, existing: { kind: 'view' }, flags, dialect }));
      expect(await conn.query(`select id from ${schema}.downstream`)).toEqual([{ id: 1 }]);
    } finally {
      await conn.execute(`drop schema ${schema} cascade`, { label: 'cleanup' });
      await adapter.close();
    }
  });

  it('introspects columns with their full types', async () => {
    const adapter = create();
    const conn = await adapter.connect();
    await conn.execute(
      'create temporary table typed (a numeric(18,2), b varchar(20), c integer[], d timestamptz)',
      { label: 'setup' },
    );
    const [row] = await conn.query<{ schema: string }>(
      'select nspname as schema from pg_namespace where oid = pg_my_temp_schema()',
    );
    expect(
      await adapter.introspector(conn).getColumns({ schema: row!.schema, identifier: 'typed' }),
    ).toEqual([
      { name: 'a', dataType: 'numeric(18,2)' },
      { name: 'b', dataType: 'character varying(20)' },
      { name: 'c', dataType: 'integer[]' },
      { name: 'd', dataType: 'timestamp with time zone' },
    ]);
    await adapter.close();
  });

  it('loads a seed larger than one insert batch, in one transaction', async () => {
    const adapter = create();
    const conn = await adapter.connect();
    const file = join(mkdtempSync(join(tmpdir(), 'tsmodel-pg-seed-')), 'big.csv');
    const lines = Array.from({ length: 2500 }, (_, i) => `${i},name ${i},${i % 2 === 0}`);
    writeFileSync(file, ['id,name,even', ...lines].join('\n'));
    const schema = `tsmodel_seed_${process.pid}`;
    await conn.execute(`create schema ${schema}`, { label: 'setup' });
    try {
      const results = await loadSeed(adapter, conn, {
        unique_id: 'seed.t.big',
        relation: { schema, identifier: 'big' },
        seedFile: file,
        config: {
          enabled: true,
          materialized: 'seed',
          tags: [],
          pre_hook: [],
          post_hook: [],
          meta: {},
        },
      });
      const inserts = results.filter((r) => r.step.kind === 'insert');
      expect(inserts.map((r) => r.result.rowsAffected)).toEqual([1000, 1000, 500]);
      expect(
        await conn.query(
          `select count(*) as n, sum(id) as s, count(*) filter (where even) as e from ${schema}.big`,
        ),
      ).toEqual([{ n: 2500n, s: 3123750n, e: 1250n }]);
    } finally {
      await conn.execute(`drop schema ${schema} cascade`, { label: 'cleanup' });
      await adapter.close();
    }
  });
});
