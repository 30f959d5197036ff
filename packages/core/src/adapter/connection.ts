/** What a statement is for, so errors, logs and query history name the node and the step. */
export interface ExecuteOptions {
  /** Step label, e.g. `create tmp table`; shown in errors and debug logs. */
  label: string;
  /** Unique id of the node the statement belongs to. */
  node?: string;
}

export interface ExecuteResult {
  /** Rows inserted/updated/deleted, when the driver reports it (`run_results.json` adapter_response). */
  rowsAffected?: number;
  /** The driver's status text, when it has one (e.g. Postgres `INSERT 0 5`). */
  message?: string;
  /** The warehouse's id of the statement, for its query history (`adapter_response.query_id`). */
  queryId?: string;
}

/** A column of a fetched result, in select order. */
export interface FetchedColumn {
  name: string;
  /** The engine's type name for the column, when the driver reports one. */
  type?: string;
}

/**
 * A statement's result as a table: columns in select order (also when no row came back, and
 * when two columns share a name) and rows as arrays. Templates need exactly this — dbt's
 * `run_query` returns an agate table whose `column_names` exist for an empty result — which a
 * list of row objects cannot carry.
 */
export interface FetchResult extends ExecuteResult {
  columns: FetchedColumn[];
  rows: unknown[][];
}

/** The statements of one transaction; the same calls as a connection, without nesting. */
export interface StatementRunner {
  execute(sql: string, options: ExecuteOptions): Promise<ExecuteResult>;
  /** Runs a statement a template sent (`run_query`, `statement`) and returns its result table. */
  fetch(sql: string, options: ExecuteOptions): Promise<FetchResult>;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * One session with the warehouse. Each worker owns one connection; a connection runs one
 * statement at a time (implementations queue concurrent calls) because drivers and engines
 * reject or interleave overlapping statements on a session. Every failure is an `AdapterError`.
 */
export interface Connection extends StatementRunner {
  /**
   * Runs `fn` between BEGIN and COMMIT, rolling back when it throws. No other statement on this
   * connection runs until it settles, so a transaction is never interleaved with other work.
   */
  transaction<T>(fn: (tx: StatementRunner) => Promise<T>): Promise<T>;
  /** Interrupts the statement in flight (Ctrl-C); it then fails with an `AdapterError`. */
  cancel(): Promise<void>;
  close(): Promise<void>;
}
