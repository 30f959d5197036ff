import { randomUUID } from 'node:crypto';
import type { TargetConfig } from '@tsmodel/core';
import pg from 'pg';
import {
  AdapterError,
  PostgresDialect,
  RedshiftDialect,
  type Adapter,
  type AdapterContext,
  type AdapterNotice,
  type Connection,
  type Introspector,
  type RunLock,
  type RunLockRequest,
} from '@tsmodel/core/adapter';
import { BACKEND_COLUMNS, type BackendInfo } from './backend-info';
import type { LockWaitReporting } from './lock-wait';
import { endOrphans } from './orphans';
import { PostgresConnection } from './postgres-connection';
import { acquireRunLock } from './run-lock';
import { postgresIntrospector } from './postgres-introspector';
import { redshiftIntrospector } from './redshift-catalog';
import { parsePostgresProfile, type PostgresProfile } from './profile';

/** int8 (`count(*)`, bigint columns) as BigInt, as the DuckDB driver returns it; never a lossy number. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => BigInt(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/**
 * `pg` client settings from the profile. `sslmode` maps onto what `pg` can do: it has no
 * opportunistic TLS, so `prefer`/`allow` connect without it (as `disable`); `require` encrypts
 * without verifying the certificate; `verify-ca`/`verify-full` verify it.
 */
export function clientConfig(
  profile: PostgresProfile,
  applicationName = profile.applicationName,
): pg.ClientConfig {
  const ssl =
    profile.sslmode === 'require'
      ? { rejectUnauthorized: false }
      : profile.sslmode === 'verify-ca' || profile.sslmode === 'verify-full'
        ? true
        : false;
  return {
    host: profile.host,
    port: profile.port,
    user: profile.user,
    password: profile.password,
    database: profile.database,
    ssl,
    connectionTimeoutMillis: profile.connectTimeout * 1000,
    keepAlive: true,
    ...(profile.keepalivesIdle === undefined
      ? {}
      : { keepAliveInitialDelayMillis: profile.keepalivesIdle * 1000 }),
    application_name: applicationName,
    types,
  };
}

/** PostgreSQL keeps 63 bytes of an application_name. */
const MAX_APPLICATION_NAME = 63;

/** PostgreSQL 14 added `client_connection_check_interval` and `pg_terminate_backend(pid, timeout)`. */
const PG14 = 140000;

/**
 * PostgreSQL (and Redshift, which speaks its wire protocol) through `pg`: one server session per
 * worker connection. The adapter owns its dialect instance and tells it the server version on
 * connect (MERGE exists from PostgreSQL 15). Every session is named `<application_name>/<invocation
 * id>`, so a later run can tell the sessions a killed run left behind from a live run's.
 */
export class PostgresAdapter implements Adapter {
  private readonly open = new Set<PostgresConnection>();
  /** application_name of every session of this invocation. */
  readonly sessionName: string;
  private readonly notify: (notice: AdapterNotice) => void;
  /** One side session for lock-wait checks, opened on the first one. */
  private monitor?: Promise<pg.Client>;

  constructor(
    readonly profile: PostgresProfile,
    readonly dialect: PostgresDialect,
    context: Pick<AdapterContext, 'invocationId' | 'onNotice'> = {},
  ) {
    this.sessionName = Buffer.from(
      `${profile.applicationName}/${context.invocationId ?? randomUUID()}`,
    )
      .subarray(0, MAX_APPLICATION_NAME)
      .toString();
    this.notify = context.onNotice ?? (() => undefined);
  }

  async connect(): Promise<Connection> {
    const client = await this.openClient();
    let pid: number;
    try {
      const setup = await client.query<{ pid: number; version: string | null }>(
        this.dialect.type === 'postgres'
          ? "select pg_backend_pid() as pid, current_setting('server_version_num') as version"
          : 'select pg_backend_pid() as pid, null as version',
      );
      pid = setup.rows[0]!.pid;
      const version = setup.rows[0]!.version;
      if (version !== null) this.dialect.adoptServerVersion(Number(version));
      if (this.profile.role) await client.query(`set role ${this.quote(this.profile.role)}`);
      if (this.profile.searchPath)
        await client.query(`set search_path to ${this.profile.searchPath}`);
      if (this.dialect.type === 'postgres') {
        await client.query(`set lock_timeout = '${this.profile.lockTimeout}s'`);
        // The server ends a statement whose client has gone instead of running it to the end.
        if (Number(version) >= PG14)
          await client.query("set client_connection_check_interval = '5s'");
      }
    } catch (cause) {
      await client.end().catch(() => undefined);
      throw this.error('set up session', cause);
    }
    const conn = new PostgresConnection(
      client,
      pid,
      this.dialect.type,
      (backend) => this.cancelBackend(backend),
      (c) => this.open.delete(c),
      this.dialect.type === 'postgres' ? this.lockWaitReporting() : undefined,
    );
    this.open.add(conn);
    return conn;
  }

  /** Redshift keeps information_schema: its late-binding views are missing from pg_attribute. */
  introspector(conn: Connection): Introspector {
    return this.dialect.type === 'postgres'
      ? postgresIntrospector(conn)
      : redshiftIntrospector(conn);
  }

  /**
   * PostgreSQL: an advisory lock per schema on a session of its own (see run-lock.ts), then the
   * sessions a killed run of ours left writing in those schemas are ended (orphans.ts). Redshift
   * has no advisory locks: runs there are not excluded, and the run says so.
   */
  async lockRun(request: RunLockRequest): Promise<RunLock> {
    const schemas = request.schemas.map((s) => s.schema);
    if (this.dialect.type !== 'postgres') {
      this.notify({
        level: 'warn',
        code: 'run-lock-unsupported',
        message: `Redshift has no advisory locks: another run writing ${schemas.join(', ')} at the same time is not held back`,
      });
      return { release: async () => undefined };
    }
    const client = await this.openClient();
    let version: number;
    try {
      const [row] = (
        await client.query<{ v: string }>("select current_setting('server_version_num') as v")
      ).rows;
      version = Number(row!.v);
      await client.query("set client_connection_check_interval = '5s'").catch(() => undefined);
    } catch (cause) {
      await client.end().catch(() => undefined);
      throw this.error('lock run', cause);
    }
    const pid = (client as unknown as { processID: number }).processID;
    const lock = await acquireRunLock({
      client,
      database: this.profile.database,
      schemas,
      wait: request.wait,
      ...(request.signal ? { signal: request.signal } : {}),
      cancel: () => this.cancelBackend(pid),
      notify: this.notify,
    });
    try {
      await endOrphans(client, {
        prefix: `${this.profile.applicationName}/`,
        schemas,
        serverVersion: version,
        notify: this.notify,
      });
    } catch (cause) {
      await lock.release();
      throw this.error('end orphaned sessions', cause);
    }
    return lock;
  }

  async close(): Promise<void> {
    await Promise.all([...this.open].map((c) => c.close()));
    const monitor = this.monitor;
    this.monitor = undefined;
    if (monitor) await (await monitor.catch(() => undefined))?.end().catch(() => undefined);
  }

  private lockWaitReporting(): LockWaitReporting {
    const lockTimeout = this.profile.lockTimeout;
    return {
      blockers: async (pid) => {
        const client = await (this.monitor ??= this.openClient());
        const { rows } = await client.query<BackendInfo>(
          `select ${BACKEND_COLUMNS} from pg_stat_activity a where a.pid = any(pg_blocking_pids($1))`,
          [pid],
        );
        return rows;
      },
      notify: this.notify,
      // Checked a few times within the timeout, at most every second.
      intervalMs: lockTimeout > 0 ? Math.max(100, Math.min(1000, (lockTimeout * 1000) / 4)) : 1000,
      lockTimeout,
    };
  }

  private async openClient(): Promise<pg.Client> {
    const client = new pg.Client(clientConfig(this.profile, this.sessionName));
    // A session dropped while idle emits 'error'; the next statement then fails with an
    // AdapterError, so the event must not crash the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (cause) {
      await client.end().catch(() => undefined);
      throw this.error('connect', cause);
    }
    return client;
  }

  private async cancelBackend(pid: number): Promise<void> {
    const client = await this.openClient();
    try {
      await client.query('select pg_cancel_backend($1)', [pid]);
    } catch (cause) {
      throw this.error('cancel', cause);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private quote(name: string): string {
    return this.dialect.quoteIdentifier(name);
  }

  private error(label: string, cause: unknown): AdapterError {
    const { user, host, port, database } = this.profile;
    return new AdapterError({
      sql: `-- ${label}: ${user}@${host}:${port}/${database}`,
      cause,
      adapterType: this.dialect.type,
      label,
    });
  }
}

/** Validates a `type: postgres` target; no session opens until `connect`. */
export function createPostgresAdapter(target: TargetConfig, ctx: AdapterContext): PostgresAdapter {
  return new PostgresAdapter(parsePostgresProfile(target, 5432), new PostgresDialect(), ctx);
}

/** Redshift through the Postgres driver with password auth; its default port is 5439. */
export function createRedshiftAdapter(target: TargetConfig, ctx: AdapterContext): PostgresAdapter {
  return new PostgresAdapter(parsePostgresProfile(target, 5439), new RedshiftDialect(), ctx);
}
