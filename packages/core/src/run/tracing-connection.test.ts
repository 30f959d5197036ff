import { describe, expect, it } from 'vitest';
import type { Connection, StatementRunner } from '../adapter/connection';
import { runSteps } from '../adapter/run-steps';
import { step } from '../materializations/step';
import { tracingConnection, type TracedStatement } from './tracing-connection';

/** A connection that records what reaches it and fails statements containing `boom`. */
function recordingConnection(log: string[]): Connection {
  const runner: StatementRunner = {
    execute: async (sql) => {
      if (sql.includes('boom')) throw new Error('boom');
      log.push(sql);
      return {};
    },
    query: async (sql) => {
      log.push(sql);
      return [];
    },
    fetch: async (sql) => {
      log.push(sql);
      return { columns: [], rows: [] };
    },
  };
  return {
    ...runner,
    transaction: async (fn) => {
      try {
        return await fn(runner);
      } catch (err) {
        log.push('(rolled back)');
        throw err;
      }
    },
    cancel: async () => undefined,
    close: async () => undefined,
  };
}

describe('tracingConnection', () => {
  it('reports each statement with its node and connection, begin/commit around transactions', async () => {
    const seen: TracedStatement[] = [];
    const conn = tracingConnection(recordingConnection([]), 2, (s) => seen.push(s));
    await conn.query('select 1', ['p']);
    await runSteps(
      conn,
      [
        step('create', 'create tmp table', 'create table t__tmp as select 1', true),
        step('rename', 'move new into place', 'alter table t__tmp rename to t', true),
        step('drop', 'drop backup', 'drop table if exists t__backup', false),
      ],
      'model.p.t',
    );
    expect(seen.map((s) => [s.sql, s.node ?? null])).toEqual([
      ['select 1', null],
      ['begin transaction', 'model.p.t'],
      ['create table t__tmp as select 1', 'model.p.t'],
      ['alter table t__tmp rename to t', 'model.p.t'],
      ['commit', 'model.p.t'],
      ['drop table if exists t__backup', 'model.p.t'],
    ]);
    expect(seen[0]!.params).toEqual(['p']);
    expect(new Set(seen.map((s) => s.connection))).toEqual(new Set([2]));
  });

  it('traces a rollback when a statement in the transaction fails', async () => {
    const seen: string[] = [];
    const conn = tracingConnection(recordingConnection([]), 0, (s) => seen.push(s.sql));
    await expect(
      conn.transaction(async (tx) => {
        await tx.execute('create table a as select 1', { label: 'a', node: 'n' });
        await tx.execute('boom', { label: 'b', node: 'n' });
      }),
    ).rejects.toThrow('boom');
    expect(seen).toEqual(['begin transaction', 'create table a as select 1', 'boom', 'rollback']);
  });
});
