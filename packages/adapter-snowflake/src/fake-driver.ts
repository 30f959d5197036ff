import type snowflake from 'snowflake-sdk';
import type { SnowflakeDriver } from './snowflake-adapter';

/** What a fake session answers to one statement: rows, or the driver's error. */
export type FakeAnswer =
  | { rows?: Record<string, unknown>[]; updated?: number }
  | { error: Partial<snowflake.SnowflakeError> & { message: string } };

/**
 * snowflake-sdk's surface as the adapter uses it, recording what would be sent: the
 * `createConnection` options and every statement. Tests use it to check the mapping and the
 * statements without a Snowflake account; the live suite runs the real driver.
 */
export class FakeDriver implements SnowflakeDriver {
  readonly options: snowflake.ConnectionOptions[] = [];
  readonly statements: string[] = [];
  readonly cancelled: string[] = [];
  loginError?: Partial<snowflake.SnowflakeError> & { message: string };
  connectedWith?: 'connect' | 'connectAsync';
  /** Statements that never finish until cancelled. */
  hang = new Set<string>();
  private queryCount = 0;

  constructor(private readonly answer: (sql: string) => FakeAnswer = () => ({})) {}

  createConnection(options: snowflake.ConnectionOptions): snowflake.Connection {
    this.options.push(options);
    const login = (how: 'connect' | 'connectAsync', cb?: snowflake.ConnectionCallback) => {
      this.connectedWith = how;
      const error =
        this.loginError && Object.assign(new Error(this.loginError.message), this.loginError);
      queueMicrotask(() => cb?.(error as snowflake.SnowflakeError | undefined, connection));
    };
    const session = {
      connect: (cb?: snowflake.ConnectionCallback) => (login('connect', cb), session),
      connectAsync: async (cb?: snowflake.ConnectionCallback) => (
        login('connectAsync', cb),
        session
      ),
      destroy: (cb: snowflake.ConnectionCallback) => cb(undefined, connection),
      execute: (o: snowflake.StatementOption) => this.execute(o),
    };
    const connection = session as unknown as snowflake.Connection;
    return connection;
  }

  private execute(o: snowflake.StatementOption): snowflake.RowStatement {
    this.statements.push(o.sqlText);
    const queryId = `01b2-q${++this.queryCount}`;
    const answer = this.answer(o.sqlText);
    const statement = {
      getQueryId: () => queryId,
      getNumUpdatedRows: () => ('updated' in answer ? answer.updated : undefined),
      // The driver reports result columns in select order; the fake takes the first row's keys.
      getColumns: () =>
        Object.keys(('rows' in answer ? answer.rows?.[0] : undefined) ?? {}).map((name) => ({
          getName: () => name,
          getType: () => 'text',
        })),
      cancel: (cb?: () => void) => {
        this.cancelled.push(o.sqlText);
        o.complete?.(
          Object.assign(new Error('SQL execution canceled'), { code: 604 }) as never,
          statement as never,
          undefined,
        );
        cb?.();
      },
    };
    if (!this.hang.has(o.sqlText))
      queueMicrotask(() => {
        if ('error' in answer)
          o.complete?.(
            Object.assign(new Error(answer.error.message), answer.error) as never,
            statement as never,
            undefined,
          );
        else o.complete?.(undefined, statement as never, answer.rows ?? []);
      });
    return statement as unknown as snowflake.RowStatement;
  }
}
