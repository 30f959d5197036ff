import type pg from 'pg';
import {
  AdapterError,
  SerialConnection,
  type ExecuteOptions,
  type FetchResult,
  type ExecuteResult,
} from '@tsmodel/core/adapter';
import { errorPositionContext } from './error-position';
import { typeName } from './pg-type-names';
import { LOCK_NOT_AVAILABLE, LockWaitWatch, type LockWaitReporting } from './lock-wait';

/** Sends the cancel request for a backend from another session (`pg_cancel_backend`). */
export type BackendCanceller = (pid: number) => Promise<void>;

/**
 * A tsmodel Connection over one `pg.Client` (one server session per worker). Statements are
 * serialized by a queue, and a transaction holds it from BEGIN to COMMIT/ROLLBACK, so nothing
 * else on this session lands inside a swap. Every failure becomes an AdapterError.
 */
export class PostgresConnection extends SerialConnection {
  protected readonly beginSql = 'begin';
  private closed = false;
  private running = false;

  constructor(
    private readonly client: pg.Client,
    /** The server process of this session, for cancelling from another one. */
    private readonly pid: number,
    private readonly adapterType: string,
    private readonly cancelBackend: BackendCanceller,
    private readonly onClose: (conn: PostgresConnection) => void,
    /** Reports lock waits of running statements; absent, nothing is watched. */
    private readonly lockWaits?: LockWaitReporting,
  ) {
    super();
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

  protected async executeNow(sql: string, options: ExecuteOptions): Promise<ExecuteResult> {
    const result = await this.run(sql, undefined, options);
    return {
      ...(result.rowCount === null ? {} : { rowsAffected: result.rowCount }),
      message: result.rowCount === null ? result.command : `${result.command} ${result.rowCount}`,
    };
  }

  protected async fetchNow(sql: string, options: ExecuteOptions): Promise<FetchResult> {
    const result = await this.run({ text: sql, rowMode: 'array' }, undefined, options);
    return {
      columns: result.fields.map((f) => ({ name: f.name, type: typeName(f.dataTypeID) })),
      rows: result.rows as unknown[][],
      ...(result.rowCount === null ? {} : { rowsAffected: result.rowCount }),
      message: result.rowCount === null ? result.command : `${result.command} ${result.rowCount}`,
    };
  }

  protected async queryNow<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return (await this.run(sql, params, { label: 'query' })).rows as T[];
  }

  private async run(
    sql: string | pg.QueryArrayConfig,
    params: readonly unknown[] | undefined,
    options: ExecuteOptions,
  ): Promise<pg.QueryResult> {
    this.running = true;
    const watch = this.lockWaits && new LockWaitWatch(this.lockWaits, this.pid, options).start();
    try {
      return await this.client.query(sql as string, params ? [...params] : undefined);
    } catch (cause) {
      const text = typeof sql === 'string' ? sql : sql.text;
      throw new AdapterError({
        sql: text,
        cause: this.explained(cause, text, watch),
        adapterType: this.adapterType,
        ...options,
      });
    } finally {
      watch?.stop();
      this.running = false;
    }
  }

  /** The server's error with what the message leaves out: a lock wait, or where it failed. */
  private explained(cause: unknown, sql: string, watch: LockWaitWatch | undefined): unknown {
    const err = cause as { code?: unknown; position?: unknown; message?: unknown } | null;
    if (watch && err?.code === LOCK_NOT_AVAILABLE)
      return new Error(watch.timeoutMessage(String(err.message)), { cause });
    const context = errorPositionContext(sql, err?.position);
    return context ? new Error(`${String(err?.message)}\n${context}`, { cause }) : cause;
  }
}
