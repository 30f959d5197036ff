import { describe, expect, it } from 'vitest';
import type { Connection } from '../adapter/connection';
import { duckdbDialect } from '../adapter/dialects/duckdb';
import { createAuditSchemaOnce } from './audit-schema';
import type { NodeRunContext } from './node-context';

/** A connection that records what it is asked to run and answers after a tick. */
function recorder(): { conn: Connection; sql: string[] } {
  const sql: string[] = [];
  const conn = {
    execute: async (text: string) => {
      sql.push(text);
      await new Promise((r) => setTimeout(r, 5));
      return {};
    },
    query: async () => [],
    transaction: async <T>(fn: (tx: Connection) => Promise<T>) => fn(conn),
    cancel: async () => undefined,
    close: async () => undefined,
  } as unknown as Connection;
  return { conn, sql };
}

describe('createAuditSchemaOnce', () => {
  it('creates each audit schema once per run, however many tests store failures at once', async () => {
    const ctx = { dialect: duckdbDialect } as unknown as NodeRunContext;
    const a = recorder();
    const b = recorder();
    const rel = (schema: string) => ({ schema, identifier: 't' });
    await Promise.all([
      createAuditSchemaOnce(ctx, a.conn, 'test.p.one', rel('main_dbt_test__audit')),
      createAuditSchemaOnce(ctx, b.conn, 'test.p.two', rel('main_dbt_test__audit')),
      createAuditSchemaOnce(ctx, b.conn, 'test.p.three', rel('other_audit')),
    ]);
    expect([...a.sql, ...b.sql].sort()).toEqual([
      'create schema if not exists "main_dbt_test__audit"',
      'create schema if not exists "other_audit"',
    ]);
    // A new run creates it again (its schema may have been dropped in between).
    const next = recorder();
    await createAuditSchemaOnce(
      { dialect: duckdbDialect } as unknown as NodeRunContext,
      next.conn,
      'test.p.one',
      rel('main_dbt_test__audit'),
    );
    expect(next.sql).toHaveLength(1);
  });
});
