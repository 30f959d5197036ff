import pg from 'pg';
import {
  AdapterError,
  informationSchemaIntrospector,
  PostgresDialect,
  RedshiftDialect,
  type Adapter,
  type AdapterFactory,
  type Connection,
  type Introspector,
} from '@tsmodel/core/adapter';
import { PostgresConnection } from './postgres-connection';
import { postgresIntrospector } from './postgres-introspector';
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
export function clientConfig(profile: PostgresProfile): pg.ClientConfig {
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
    application_name: profile.applicationName,
    types,
  };
}

/**
 * PostgreSQL (and Redshift, which speaks its wire protocol) through `pg`: one server session per
 * worker connection. The adapter owns its dialect instance and tells it the server version on
 * connect (MERGE exists from PostgreSQL 15).
 */
export class PostgresAdapter implements Adapter {
  private readonly open = new Set<PostgresConnection>();

  constructor(
    readonly profile: PostgresProfile,
    readonly dialect: PostgresDialect,
  ) {}

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
    );
    this.open.add(conn);
    return conn;
  }

  /** Redshift keeps information_schema: its late-binding views are missing from pg_attribute. */
  introspector(conn: Connection): Introspector {
    return this.dialect.type === 'postgres'
      ? postgresIntrospector(conn)
      : informationSchemaIntrospector(conn);
  }

  async close(): Promise<void> {
    await Promise.all([...this.open].map((c) => c.close()));
  }

  private async openClient(): Promise<pg.Client> {
    const client = new pg.Client(clientConfig(this.profile));
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

export const postgresAdapterFactory: AdapterFactory = {
  type: 'postgres',
  create: (target) =>
    new PostgresAdapter(parsePostgresProfile(target, 5432), new PostgresDialect()),
};

/** Redshift through the Postgres driver with password auth; its default port is 5439. */
export const redshiftAdapterFactory: AdapterFactory = {
  type: 'redshift',
  parentType: 'postgres',
  create: (target) =>
    new PostgresAdapter(parsePostgresProfile(target, 5439), new RedshiftDialect()),
};
