import type { Connection, ExecuteOptions, StatementRunner } from '../adapter/connection';

/** One statement a run sent to the warehouse, as `--debug` logs it (dbt logs every query too). */
export interface TracedStatement {
  sql: string;
  label: string;
  node?: string;
  /** Bound parameters of a query. */
  params?: readonly unknown[];
  /** Index of the worker connection that ran it. */
  connection: number;
}

/**
 * A connection that reports each statement before it starts: `begin`/`commit`/`rollback`
 * around transactions included, so a trace replays the run exactly (the run benchmark issues
 * the same statements directly to measure the engine floor). Only wrapped in when asked for,
 * so a normal run pays nothing for it.
 */
export function tracingConnection(
  conn: Connection,
  connection: number,
  onStatement: (statement: TracedStatement) => void,
): Connection {
  const trace = (sql: string, options: Partial<ExecuteOptions>, params?: readonly unknown[]) =>
    onStatement({
      sql,
      label: options.label ?? 'query',
      ...(options.node !== undefined ? { node: options.node } : {}),
      ...(params !== undefined ? { params } : {}),
      connection,
    });
  const wrap = (runner: StatementRunner): StatementRunner => ({
    execute: (sql, options) => {
      trace(sql, options);
      return runner.execute(sql, options);
    },
    query: (sql, params) => {
      trace(sql, { label: 'query' }, params);
      return runner.query(sql, params);
    },
    fetch: (sql, options) => {
      trace(sql, options);
      return runner.fetch(sql, options);
    },
  });
  return {
    ...wrap(conn),
    // BEGIN is traced with the first statement inside, so it carries that statement's node.
    transaction: (fn) =>
      conn.transaction(async (tx) => {
        let node: string | undefined;
        const inner: StatementRunner = {
          execute: (sql, options) => {
            if (node === undefined) trace('begin transaction', { ...options, label: 'begin' });
            node = options.node ?? '';
            trace(sql, options);
            return tx.execute(sql, options);
          },
          query: (sql, params) => {
            trace(sql, { label: 'query' }, params);
            return tx.query(sql, params);
          },
          fetch: (sql, options) => {
            if (node === undefined) trace('begin transaction', { ...options, label: 'begin' });
            node = options.node ?? '';
            trace(sql, options);
            return tx.fetch(sql, options);
          },
        };
        const end = (sql: string) => trace(sql, { label: sql, ...(node ? { node } : {}) });
        try {
          const result = await fn(inner);
          end('commit');
          return result;
        } catch (err) {
          end('rollback');
          throw err;
        }
      }),
    cancel: () => conn.cancel(),
    close: () => conn.close(),
  } as Connection;
}
