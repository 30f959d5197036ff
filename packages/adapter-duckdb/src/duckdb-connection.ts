import type { DuckDBConnection } from '@duckdb/node-api';
import {
  AdapterError,
  type ExecuteOptions,
  type FetchResult,
  type ExecuteResult,
  SerialConnection,
} from '@tsmodel/core/adapter';

/**
 * A tsmodel Connection over one `@duckdb/node-api` connection. Statements are serialized by a
 * queue; a transaction holds the queue from BEGIN to COMMIT/ROLLBACK so nothing else on this
 * connection lands inside it. Every driver failure becomes an AdapterError.
 */
export class DuckDBTsmodelConnection extends SerialConnection {
  protected readonly beginSql = 'begin transaction';
  private closed = false;

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly onClose: (conn: DuckDBTsmodelConnection) => void,
  ) {
    super();
  }

  /** Interrupts the running statement; queued ones still run unless the caller stops submitting. */
  async cancel(): Promise<void> {
    if (!this.closed) this.conn.interrupt();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.run(async () => {
      this.closed = true;
      this.conn.closeSync();
    });
    this.onClose(this);
  }

  protected async executeNow(sql: string, options: ExecuteOptions): Promise<ExecuteResult> {
    try {
      const result = await this.conn.run(sql);
      // `create table … as` reports its row count as a one-row `Count` result, not rowsChanged.
      if (
        result.rowsChanged === 0 &&
        result.columnCount === 1 &&
        result.columnName(0) === 'Count'
      ) {
        const count = (await result.fetchChunk())?.getRows()[0]?.[0];
        if (typeof count === 'bigint' || typeof count === 'number')
          return { rowsAffected: Number(count) };
      }
      return { rowsAffected: result.rowsChanged };
    } catch (cause) {
      throw new AdapterError({ sql, cause, adapterType: 'duckdb', ...options });
    }
  }

  protected async fetchNow(sql: string, options: ExecuteOptions): Promise<FetchResult> {
    try {
      const reader = await this.conn.runAndReadAll(sql);
      const names = reader.columnNames();
      const types = reader.columnTypes();
      return {
        columns: names.map((name, i) => ({ name, type: String(types[i]) })),
        rows: reader.getRowsJS() as unknown[][],
        rowsAffected: reader.rowsChanged,
      };
    } catch (cause) {
      throw new AdapterError({ sql, cause, adapterType: 'duckdb', ...options });
    }
  }

  protected async queryNow<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    try {
      const reader = await this.conn.runAndReadAll(
        sql,
        params ? ([...params] as never) : undefined,
      );
      return reader.getRowObjectsJS() as T[];
    } catch (cause) {
      throw new AdapterError({ sql, cause, adapterType: 'duckdb', label: 'query' });
    }
  }
}
