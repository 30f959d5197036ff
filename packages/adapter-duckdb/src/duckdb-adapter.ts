import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { TsmodelError, type TargetConfig } from '@tsmodel/core';
import {
  AdapterError,
  duckdbDialect,
  type Adapter,
  type AdapterContext,
  type Connection,
  type Introspector,
} from '@tsmodel/core/adapter';
import { DuckDBTsmodelConnection } from './duckdb-connection';
import { duckdbIntrospector } from './duckdb-introspector';
import { parseDuckDBProfile, type DuckDBProfile } from './profile';

/**
 * One DuckDB database per adapter, opened on first `connect`. Workers get their own
 * connections to it (DuckDB runs them in parallel inside one process), which is also how
 * dbt-duckdb shares a database across threads.
 */
export class DuckDBAdapter implements Adapter {
  readonly dialect = duckdbDialect;
  private instance?: Promise<DuckDBInstance>;
  private readonly open = new Set<DuckDBTsmodelConnection>();

  constructor(readonly profile: DuckDBProfile) {}

  async connect(): Promise<Connection> {
    const instance = await (this.instance ??= this.openInstance());
    const conn = new DuckDBTsmodelConnection(await instance.connect(), (c) => this.open.delete(c));
    this.open.add(conn);
    for (const ext of this.profile.extensions)
      await conn.execute(`load ${ext}`, { label: `load extension ${ext}` });
    for (const [key, value] of Object.entries(this.profile.settings)) {
      const literal = typeof value === 'string' ? duckdbDialect.quoteString(value) : String(value);
      await conn.execute(`set ${key} = ${literal}`, { label: `set ${key}` });
    }
    return conn;
  }

  introspector(conn: Connection): Introspector {
    return duckdbIntrospector(conn);
  }

  async close(): Promise<void> {
    await Promise.all([...this.open].map((c) => c.close()));
    // An instance that failed to open (or was closed on a failed check) has nothing to close.
    const instance = await this.instance?.catch(() => undefined);
    instance?.closeSync();
    this.instance = undefined;
  }

  private async openInstance(): Promise<DuckDBInstance> {
    const { path, extensions } = this.profile;
    if (path !== ':memory:') await createDatabaseFolder(path);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (cause) {
      throw new AdapterError({
        sql: `-- open ${path}`,
        cause,
        adapterType: 'duckdb',
        label: 'open database',
      });
    }
    try {
      await checkCatalogName(instance, path, this.profile.database);
    } catch (error) {
      instance.closeSync();
      throw error;
    }
    if (extensions.length > 0) {
      const setup = await instance.connect();
      try {
        for (const ext of extensions) await setup.run(`install ${ext}`);
      } catch (cause) {
        throw new AdapterError({
          sql: `install ${extensions.join(', ')}`,
          cause,
          adapterType: 'duckdb',
          label: 'install extensions',
        });
      } finally {
        setup.closeSync();
      }
    }
    return instance;
  }
}

/**
 * Every relation is named `"database"."schema"."identifier"` with the catalog name worked out
 * from the path before connecting; a database DuckDB named otherwise would have every statement
 * miss it, so that is an error naming both, never a run against the wrong catalog.
 */
async function checkCatalogName(
  instance: DuckDBInstance,
  path: string,
  expected: string | undefined,
): Promise<void> {
  if (expected === undefined) return;
  const conn = await instance.connect();
  try {
    const [row] = (await conn.runAndReadAll('select current_database()')).getRows();
    const actual = String(row?.[0]);
    if (actual !== expected) {
      throw new TsmodelError({
        code: 'duckdb-catalog-mismatch',
        message: `DuckDB opened ${path} as database '${actual}', but the target's database is '${expected}'`,
        hint: `set the target's database: to ${actual} in profiles.yml, or remove database: so it follows the path`,
      });
    }
  } finally {
    conn.closeSync();
  }
}

/** Validates a `type: duckdb` target; the database opens on the first `connect`. */
export function createDuckDBAdapter(target: TargetConfig, ctx: AdapterContext): DuckDBAdapter {
  return new DuckDBAdapter(parseDuckDBProfile(target, ctx.projectRoot));
}

/**
 * Creates the folder of the database file. Failing (a file where a folder of the path should
 * be, no permission, a read-only disk) is the user's to fix in profiles.yml, so it is a user
 * error naming the folder — not a crash of tsmodel.
 */
async function createDatabaseFolder(databasePath: string): Promise<void> {
  const folder = dirname(databasePath);
  try {
    await mkdir(folder, { recursive: true });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split(',')[0] : String(cause);
    throw new TsmodelError({
      code: 'database-folder-failed',
      message: `cannot create ${folder}, the folder of the DuckDB database ${databasePath}: ${reason}`,
      hint: "set the target's path: in profiles.yml to a file in a folder you can write (or :memory:)",
      cause,
    });
  }
}
