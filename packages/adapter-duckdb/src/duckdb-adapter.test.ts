import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TsmodelError } from '@tsmodel/core';
import { createDuckDBAdapter } from './duckdb-adapter';
import { parseDuckDBProfile } from './profile';

const target = (extra: Record<string, unknown>) => ({
  type: 'duckdb',
  name: 'dev',
  profile_name: 'p',
  schema: 'main',
  threads: 4,
  ...extra,
});

describe('duckdb profile', () => {
  it('resolves a relative path from the project root and keeps :memory:', () => {
    expect(parseDuckDBProfile(target({ path: 'target/x.duckdb' }), '/proj').path).toBe(
      join('/proj', 'target/x.duckdb'),
    );
    expect(parseDuckDBProfile(target({}), '/proj').path).toBe(':memory:');
  });

  it('rejects a malformed key with a hint', () => {
    let error: unknown;
    try {
      parseDuckDBProfile(target({ extensions: 'httpfs' }), '/proj');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TsmodelError);
    expect((error as TsmodelError).message).toContain('extensions');
    expect((error as TsmodelError).hint).toContain('extensions (list)');
  });
});

describe('duckdb connection', () => {
  it("refuses to run when the opened database is not the target's database", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tsmodel-duck-')), 'dev.duckdb');
    const matching = createDuckDBAdapter(target({ path, database: 'dev' }), {
      projectRoot: tmpdir(),
    });
    const conn = await matching.connect();
    const [row] = await conn.query<{ db: string }>('select current_database() as db');
    expect(row!.db).toBe('dev');
    await matching.close();

    const other = createDuckDBAdapter(target({ path, database: 'prod' }), {
      projectRoot: tmpdir(),
    });
    await expect(other.connect()).rejects.toThrow(
      `DuckDB opened ${path} as database 'dev', but the target's database is 'prod'`,
    );
    await other.close();
  });

  it('applies settings on every connection', async () => {
    const adapter = createDuckDBAdapter(target({ settings: { memory_limit: '1GB', threads: 1 } }), {
      projectRoot: tmpdir(),
    });
    const conn = await adapter.connect();
    const [row] = await conn.query<{ threads: unknown }>(
      "select current_setting('threads') as threads",
    );
    expect(Number(row!.threads)).toBe(1);
    await adapter.close();
  });

  it('never lets another statement run inside a transaction on the same connection', async () => {
    const adapter = createDuckDBAdapter(target({}), { projectRoot: tmpdir() });
    const conn = await adapter.connect();
    await conn.execute('create table log (step varchar)', { label: 'setup' });
    const tx = conn.transaction(async (t) => {
      await t.execute("insert into log values ('in-tx')", { label: 'a' });
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('abort');
    });
    // Submitted while the transaction is open: must run after the rollback, so it survives.
    const outside = conn.execute("insert into log values ('outside')", { label: 'b' });
    await expect(tx).rejects.toThrow('abort');
    await outside;
    expect(await conn.query('select step from log')).toEqual([{ step: 'outside' }]);
    await adapter.close();
  });

  it('reports rows affected and binds query parameters', async () => {
    const adapter = createDuckDBAdapter(target({}), { projectRoot: tmpdir() });
    const conn = await adapter.connect();
    await conn.execute('create table t (id integer)', { label: 'setup' });
    expect(
      (await conn.execute('insert into t values (1), (2), (3)', { label: 'insert' })).rowsAffected,
    ).toBe(3);
    expect(await conn.query('select id from t where id > $1 order by id', [1])).toEqual([
      { id: 2 },
      { id: 3 },
    ]);
    await adapter.close();
  });
});
