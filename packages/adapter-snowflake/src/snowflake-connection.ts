import type snowflake from 'snowflake-sdk';
import {
  AdapterError,
  SerialConnection,
  type ExecuteOptions,
  type ExecuteResult,
  type FetchResult,
} from '@tsmodel/core/adapter';
import { describeSnowflakeError } from './snowflake-errors';

type SdkConnection = snowflake.Connection;
type SdkStatement = snowflake.RowStatement;

/** What one statement returned: its rows and what Snowflake says about it. */
export interface StatementOutcome {
  rows: Record<string, unknown>[];
  /** Result columns in select order (name and Snowflake type), as the statement reports them. */
  columns: Array<{ name: string; type: string }>;
  queryId?: string;
  rowsAffected?: number;
}

/**
 * A tsmodel Connection over one snowflake-sdk session (one per worker). Statements are
 * serialized by the queue; a transaction holds it from `begin` to `commit`, which on Snowflake
 * only makes DML atomic (every DDL statement commits on its own: planners never put DDL in a
 * transaction here, see `transactionalDdl`). Every failure is an AdapterError carrying
 * Snowflake's code, SQL state and query id.
 */
export class SnowflakeConnection extends SerialConnection {
  protected readonly beginSql = 'begin';
  private running?: SdkStatement;
  private closed = false;

  constructor(
    private readonly session: SdkConnection,
    private readonly onClose: (conn: SnowflakeConnection) => void,
  ) {
    super();
  }

  /**
   * Interrupts the statement in flight through the driver's abort request (by query id once
   * Snowflake assigned one, by request id before), the REST form of `SYSTEM$CANCEL_QUERY`;
   * the statement then fails with an AdapterError.
   */
  async cancel(): Promise<void> {
    const statement = this.running;
    if (this.closed || !statement) return;
    await new Promise<void>((resolve) => statement.cancel(() => resolve()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.run(async () => {
      this.closed = true;
      await new Promise<void>((resolve) => this.session.destroy(() => resolve()));
    });
    this.onClose(this);
  }

  protected async executeNow(sql: string, options: ExecuteOptions): Promise<ExecuteResult> {
    const outcome = await this.run(sql, undefined, options);
    return {
      ...(outcome.rowsAffected !== undefined ? { rowsAffected: outcome.rowsAffected } : {}),
      ...(outcome.queryId !== undefined ? { queryId: outcome.queryId } : {}),
      message: statusMessage(outcome),
    };
  }

  protected async fetchNow(sql: string, options: ExecuteOptions): Promise<FetchResult> {
    const outcome = await this.run(sql, undefined, options);
    return {
      columns: outcome.columns,
      rows: outcome.rows.map((row) => outcome.columns.map((c) => row[c.name])),
      ...(outcome.rowsAffected !== undefined ? { rowsAffected: outcome.rowsAffected } : {}),
      ...(outcome.queryId !== undefined ? { queryId: outcome.queryId } : {}),
      message: statusMessage(outcome),
    };
  }

  protected async queryNow<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return (await this.run(sql, params, { label: 'query' })).rows as T[];
  }

  private run(
    sql: string,
    params: readonly unknown[] | undefined,
    options: ExecuteOptions,
  ): Promise<StatementOutcome> {
    return new Promise((resolve, reject) => {
      this.running = this.session.execute({
        sqlText: sql,
        ...(params ? { binds: params as snowflake.Binds } : {}),
        complete: (err, statement, rows) => {
          this.running = undefined;
          if (err) {
            reject(
              new AdapterError({
                sql,
                cause: describeSnowflakeError(err),
                adapterType: 'snowflake',
                ...options,
              }),
            );
            return;
          }
          const updated = statement.getNumUpdatedRows();
          resolve({
            rows: (rows ?? []) as Record<string, unknown>[],
            columns: (statement.getColumns() ?? []).map((c) => ({
              name: c.getName(),
              type: c.getType(),
            })),
            queryId: statement.getQueryId(),
            ...(updated !== undefined ? { rowsAffected: updated } : {}),
          });
        },
      });
    });
  }
}

/** The status line Snowflake returns for DDL (`Table X successfully created.`), else `SUCCESS`. */
function statusMessage(outcome: StatementOutcome): string {
  const status = outcome.rows[0]?.status;
  return typeof status === 'string' ? status : 'SUCCESS';
}
