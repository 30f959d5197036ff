import type { NodeConfig, RelationName } from '../manifest/types';
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
  /**
   * Mutual exclusion of runs on a shared server: held from before the run's first DDL until it
   * ends, over every schema it writes, so two runs never interleave their swaps. Absent where
   * the engine already excludes a second writer (DuckDB locks its file).
   */
  lockRun?(request: RunLockRequest): Promise<RunLock>;
  /**
   * Session state a node asks for, set on its worker's connection before the node's first
   * statement (dbt's `pre_model_hook`): Snowflake's per-node `query_tag` and
   * `snowflake_warehouse`. Absent where nodes share one session state.
   */
  beforeNode?(conn: Connection, node: { unique_id: string; config: NodeConfig }): Promise<void>;
}

export interface RunLockRequest {
  schemas: Array<Pick<RelationName, 'database' | 'schema'>>;
  /** Queue behind a run holding one of the schemas (`--wait`, the default), or fail at once. */
  wait: boolean;
  /** Ctrl-C while waiting gives up. */
  signal?: AbortSignal;
}

export interface RunLock {
  release(): Promise<void>;
}

/** Something the adapter tells the user while it works: a lock wait, an orphaned session ended. */
export interface AdapterNotice {
  level: 'info' | 'warn';
  /** Stable event name for `--log-format json`, e.g. `run-lock-wait`. */
  code: string;
  message: string;
}

export interface AdapterContext {
  /** Absolute project directory; relative paths in the profile (e.g. a DuckDB file) resolve from it. */
  projectRoot: string;
  /** The invocation's id; servers that show session names get it in theirs (`tsmodel/<id>`). */
  invocationId?: string;
  /** Where notices go; without it they are dropped. */
  onNotice?: (notice: AdapterNotice) => void;
}
