import type { Connection, StatementRunner } from '../adapter/connection';
import { TsmodelError } from '../diagnostics';

function cancelledError(): TsmodelError {
  return new TsmodelError({
    code: 'cancelled',
    message: 'cancelled before the statement started',
    hint: 'the run was interrupted (Ctrl-C or --fail-fast); run again to finish',
  });
}

/**
 * A connection that refuses to start statements once `signal` aborted. `cancel()` only
 * interrupts the statement in flight; without this, the next step of a node's plan (or a
 * statement queued right behind the interrupted one) would still run after Ctrl-C.
 */
export function abortableConnection(conn: Connection, signal: AbortSignal): Connection {
  const check = () => {
    if (signal.aborted) throw cancelledError();
  };
  const guard = (runner: StatementRunner): StatementRunner => ({
    execute: async (sql, options) => {
      check();
      return runner.execute(sql, options);
    },
    query: async (sql, params) => {
      check();
      return runner.query(sql, params);
    },
    fetch: async (sql, options) => {
      check();
      return runner.fetch(sql, options);
    },
  });
  return {
    ...guard(conn),
    transaction: async (fn) => {
      check();
      return conn.transaction((tx) => fn(guard(tx)));
    },
    cancel: () => conn.cancel(),
    close: () => conn.close(),
  } as Connection;
}
