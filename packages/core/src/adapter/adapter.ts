import type { TargetConfig } from '../project/types';
import type { Connection } from './connection';
import type { Dialect } from './dialect';
import type { Introspector } from './introspector';

/**
 * One configured warehouse: the pure dialect plus the I/O. The runner opens one connection per
 * worker thread and closes the adapter once at the end of the invocation.
 */
export interface Adapter {
  readonly dialect: Dialect;
  connect(): Promise<Connection>;
  /** Introspection runs through a connection so it shares the worker's session and queue. */
  introspector(conn: Connection): Introspector;
  /** Closes every connection this adapter opened and releases the database. */
  close(): Promise<void>;
}

export interface AdapterContext {
  /** Absolute project directory; relative paths in the profile (e.g. a DuckDB file) resolve from it. */
  projectRoot: string;
}

/**
 * What an adapter package exports. `create` only validates the profile and remembers it; no
 * I/O happens until `connect`, so `compile` and `ls` never touch the warehouse.
 */
export interface AdapterFactory {
  readonly type: string;
  readonly parentType?: string;
  create(target: TargetConfig, ctx: AdapterContext): Adapter;
}
