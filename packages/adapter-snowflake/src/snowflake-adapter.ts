import type snowflake from 'snowflake-sdk';
import { TsmodelError, type NodeConfig, type TargetConfig } from '@tsmodel/core';
import {
  AdapterError,
  type Adapter,
  type AdapterContext,
  type Connection,
  type Introspector,
} from '@tsmodel/core/adapter';
import { connectionOptions } from './connection-options';
import { parseSnowflakeProfile, type SnowflakeProfile } from './profile';
import { SnowflakeConnection } from './snowflake-connection';
import { SnowflakeDialect } from './snowflake-dialect';
import { describeSnowflakeError } from './snowflake-errors';
import { snowflakeIntrospector } from './snowflake-introspector';
import { nodeSessionStatements, type SessionState } from './session-state';

/** The driver as the adapter uses it; tests pass a fake to see what would be sent. */
export interface SnowflakeDriver {
  createConnection(options: snowflake.ConnectionOptions): snowflake.Connection;
}

/**
 * snowflake-sdk, imported on the first login (it is large: `compile` and unit tests never load
 * it). It logs to stdout by default; tsmodel reports errors itself.
 */
let driver: Promise<SnowflakeDriver> | undefined;
function loadDriver(): Promise<SnowflakeDriver> {
  return (driver ??= import('snowflake-sdk').then(
    ({ default: sdk }) => {
      sdk.configure({ logLevel: 'OFF' });
      return sdk;
    },
    (cause: unknown) => {
      driver = undefined;
      throw new TsmodelError({
        code: 'missing-driver',
        message: `the Snowflake driver (snowflake-sdk) is not installed: ${(cause as Error).message}`,
        hint: 'npm install snowflake-sdk (tsmodel loads it only for snowflake targets)',
        cause,
      });
    },
  ));
}

/**
 * Snowflake through snowflake-sdk: one session per worker connection, opened with the profile's
 * authenticator (browser SSO and MFA through `connectAsync`, which can wait for the user).
 * The driver retries a login `connect_retries` times, and only when the network failed (its
 * login retry covers refused connections, timeouts, 5xx and 429, never a refused login); a model's
 * `query_tag` and `snowflake_warehouse` are set on its worker's session before it runs.
 */
export class SnowflakeAdapter implements Adapter {
  readonly dialect = new SnowflakeDialect();
  private readonly open = new Set<SnowflakeConnection>();
  private readonly sessions = new WeakMap<Connection, SessionState>();

  constructor(
    readonly profile: SnowflakeProfile,
    context: Pick<AdapterContext, 'invocationId' | 'onNotice'> = {},
    private readonly driver?: SnowflakeDriver,
  ) {
    if (!profile.reuseConnections)
      context.onNotice?.({
        level: 'info',
        code: 'snowflake-reuse-connections',
        message:
          'reuse_connections: false has no effect: tsmodel keeps one Snowflake session per thread for the whole run',
      });
  }

  async connect(): Promise<Connection> {
    const session = await this.login();
    const conn = new SnowflakeConnection(session, (c) => this.open.delete(c));
    this.open.add(conn);
    return conn;
  }

  introspector(conn: Connection): Introspector {
    return snowflakeIntrospector(conn, this.dialect);
  }

  /**
   * dbt-snowflake's `pre_model_hook`: the node's `query_tag` (else the profile's) and
   * `snowflake_warehouse` (else the profile's), changed on the session only when they differ
   * from what it has, so most nodes cost no extra statement.
   */
  async beforeNode(
    conn: Connection,
    node: { unique_id: string; config: NodeConfig },
  ): Promise<void> {
    const current = this.sessions.get(conn) ?? {
      queryTag: this.profile.queryTag,
      warehouse: this.profile.warehouse,
    };
    const { statements, state } = nodeSessionStatements(
      current,
      node.config,
      this.profile,
      this.dialect,
    );
    for (const sql of statements)
      await conn.execute(sql, { label: 'set session', node: node.unique_id });
    this.sessions.set(conn, state);
  }

  async close(): Promise<void> {
    await Promise.all([...this.open].map((c) => c.close()));
  }

  private async login(): Promise<snowflake.Connection> {
    const sdk = this.driver ?? (await loadDriver());
    const session = sdk.createConnection(connectionOptions(this.profile));
    try {
      return await new Promise<snowflake.Connection>((resolve, reject) => {
        const done = (err: snowflake.SnowflakeError | undefined, c: snowflake.Connection) =>
          err ? reject(err) : resolve(c);
        // Browser SSO waits for the user in the browser: only connectAsync supports it.
        if (this.profile.authenticator === 'externalbrowser')
          session.connectAsync(done).catch(reject);
        else session.connect(done);
      });
    } catch (cause) {
      throw new AdapterError({
        sql: `-- connect: ${this.profile.user}@${this.profile.account}/${this.profile.database}`,
        cause: describeSnowflakeError(cause),
        adapterType: 'snowflake',
        label: 'connect',
      });
    }
  }
}

/** Validates a `type: snowflake` target; nothing connects until `connect`. */
export function createSnowflakeAdapter(
  target: TargetConfig,
  ctx: AdapterContext,
  driver?: SnowflakeDriver,
): SnowflakeAdapter {
  return new SnowflakeAdapter(parseSnowflakeProfile(target), ctx, driver);
}
