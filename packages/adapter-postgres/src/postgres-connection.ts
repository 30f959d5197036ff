import type pg from 'pg';
import {
  AdapterError,
  SerialQueue,
  type Connection,
  type ExecuteOptions,
  type ExecuteResult,
  type StatementRunner,
} from '@tsmodel/core/adapter';

/** Sends the cancel request for a backend from another session (`pg_cancel_backend`). */
export type BackendCanceller = (pid: number) => Promise<void>;

/**
 * A tsmodel Connection over one `pg.Client` (one server session per worker). Statements are
 * serialized by a queue, and a transaction holds it from BEGIN to COMMIT/ROLLBACK, so nothing
 * else on this session lands inside a swap. Every failure becomes an AdapterError.
 */
export class PostgresConnection implements Connection {
  private readonly queue = new SerialQueue();
  private closed = false;
  private running = false;
  /** Statements inside `transaction` run directly: the transaction already holds the queue. */
  private readonly direct: StatementRunner = {
    execute: (sql, options) => this.executeNow(sql, options),
    query: (sql, params) => this.queryNow(sql, params),
  };

  constructor(
    private readonly client: pg.Client,
    /** The server process of this session, for cancelling from another one. */
    private readonly pid: number,
    private readonly adapterType: string,
    private readonly cancelBackend: BackendCanceller,
    private readonly onClose: (conn: PostgresConnection) => void,
  ) {}

  execute(sql: string, options: ExecuteOptions): Promise<ExecuteResult> {
    return this.queue.run(() => this.executeNow(sql, options));
  }

  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.queue.run(() => this.queryNow<T>(sql, params));
  }

  transaction<T>(fn: (tx: StatementRunner) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      await this.executeNow('begin', { label: 'begin' });
      let result: T;
      try {
        result = await fn(this.direct);
      } catch (error) {
        // After a failed statement the transaction is aborted; only ROLLBACK clears it.
        await this.executeNow('rollback', { label: 'rollback' }).catch(() => undefined);
        throw error;
      }
      await this.executeNow('commit', { label: 'commit' });
      return result;
    });
  }

  /**
   * The wire protocol cannot interrupt a query on its own session, so a short-lived second
   * session asks the server to cancel this one's statement; it then fails with an AdapterError.
   */
  async cancel(): Promise<void> {
    if (!this.closed && this.running) await this.cancelBackend(this.pid);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.run(async () => {
      this.closed = true;
      await this.client.end().catch(() => undefined);
    });
    this.onClose(this);
  }

  private async executeNow(sql: string, options: ExecuteOptions): Promise<ExecuteResult> {
    const result = await this.run(sql, undefined, options);
    return {
      ...(result.rowCount === null ? {} : { rowsAffected: result.rowCount }),
      message: result.rowCount === null ? result.command : `${result.command} ${result.rowCount}`,
    };
  }

  private async queryNow<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return (await this.run(sql, params, { label: 'query' })).rows as T[];
  }

  private async run(
    sql: string,
    params: readonly unknown[] | undefined,
    options: ExecuteOptions,
  ): Promise<pg.QueryResult> {
    this.running = true;
    try {
      return await this.client.query(sql, params ? [...params] : undefined);
    } catch (cause) {
      throw new AdapterError({ sql, cause, adapterType: this.adapterType, ...options });
    } finally {
      this.running = false;
    }
  }
}
