import type {
  Connection,
  ExecuteOptions,
  ExecuteResult,
  FetchResult,
  StatementRunner,
} from './connection';
import { SerialQueue } from './serial-queue';

/**
 * The part of every driver Connection that is not about the driver: statements serialized by a
 * queue, and a transaction that holds the queue from BEGIN to COMMIT/ROLLBACK so nothing else
 * on the session lands inside it (a table swap, an incremental delete+insert). An adapter
 * implements only how one statement runs and how a running one is cancelled.
 */
export abstract class SerialConnection implements Connection {
  protected readonly queue = new SerialQueue();
  /** Statements inside `transaction` run directly: the transaction already holds the queue. */
  private readonly direct: StatementRunner = {
    execute: (sql, options) => this.executeNow(sql, options),
    query: (sql, params) => this.queryNow(sql, params),
    fetch: (sql, options) => this.fetchNow(sql, options),
  };

  /** `begin transaction` (DuckDB) / `begin` (PostgreSQL): the engine's spelling. */
  protected abstract readonly beginSql: string;
  /** Runs one statement now; every failure becomes an AdapterError. */
  protected abstract executeNow(sql: string, options: ExecuteOptions): Promise<ExecuteResult>;
  protected abstract queryNow<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  protected abstract fetchNow(sql: string, options: ExecuteOptions): Promise<FetchResult>;
  abstract cancel(): Promise<void>;
  abstract close(): Promise<void>;

  execute(sql: string, options: ExecuteOptions): Promise<ExecuteResult> {
    return this.queue.run(() => this.executeNow(sql, options));
  }

  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.queue.run(() => this.queryNow<T>(sql, params));
  }

  fetch(sql: string, options: ExecuteOptions): Promise<FetchResult> {
    return this.queue.run(() => this.fetchNow(sql, options));
  }

  transaction<T>(fn: (tx: StatementRunner) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      await this.executeNow(this.beginSql, { label: 'begin' });
      let result: T;
      try {
        result = await fn(this.direct);
      } catch (error) {
        // A failed statement may already have aborted the transaction; ROLLBACK still clears it.
        await this.executeNow('rollback', { label: 'rollback' }).catch(() => undefined);
        throw error;
      }
      await this.executeNow('commit', { label: 'commit' });
      return result;
    });
  }
}
