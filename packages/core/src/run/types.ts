import type { ManifestNode } from '../manifest/types';

/**
 * dbt's node statuses: models and seeds end `success`/`error`, tests `pass`/`warn`/`fail`, and a
 * node whose upstream failed (or that never started after `--fail-fast` or a signal) `skipped`.
 * `cancelled` (not in dbt) is a node interrupted while running by Ctrl-C, SIGTERM or SIGHUP:
 * nothing was wrong with it, so it is not an `error` that `result:error` would pick up.
 */
export type NodeStatus =
  | 'success'
  | 'error'
  | 'skipped'
  | 'pass'
  | 'fail'
  | 'warn'
  | 'cancelled'
  /**
   * dbt's microbatch outcome when some batches were built and others failed: the built ones
   * stay, `retry` builds the failed ones. A failure like `error` (exit 1, children skipped).
   */
  | 'partial success';

/** One phase of a node's work, in run_results.json's `timing` shape. */
export interface NodeTiming {
  name: 'compile' | 'execute';
  started_at: string;
  completed_at: string;
}

/**
 * One node's outcome, in the shape of a dbt `run_results.json` result, so tools that read dbt
 * artifacts (and `--state`/`result:` selection) read ours unchanged.
 */
export interface NodeResult {
  unique_id: string;
  status: NodeStatus;
  timing: NodeTiming[];
  thread_id: string;
  /** Seconds spent on the node, wall clock. */
  execution_time: number;
  /** Rows written by the node's main statement (or failing rows of a test). */
  rows_affected?: number;
  adapter_response: { _message?: string; rows_affected?: number; query_id?: string };
  message: string;
  /** Tests only: the `fail_calc` value. */
  failures: number | null;
  compiled_path?: string;
  /** The rendered relation the node built, when it builds one. */
  relation_name?: string;
  /** Microbatch models: the batches built and failed, as `[start, end)` ISO pairs (dbt's). */
  batch_results?: BatchResults;
}

/** dbt's `batch_results`: what `retry` reads to build only the failed batches again. */
export interface BatchResults {
  successful: Array<[string, string]>;
  failed: Array<[string, string]>;
}

/** One batch of a microbatch model, for its progress lines. */
export interface BatchEventInfo {
  node: ManifestNode;
  /** `schema.identifier` of the model's relation. */
  relation: string;
  /** 1-based, of `total` batches this run builds for the node. */
  index: number;
  total: number;
  /** dbt's formatted batch start: `2024-01-01`, `2024-01`, `2024-01-01T06`. */
  batch: string;
}

/**
 * What the runner reports while it works. Core never prints: the CLI turns these into progress
 * lines or JSON events, tests collect them.
 */
export type RunEvent =
  /** A tmp/backup relation of a killed run, dropped while preparing (before `run-start`). */
  | { type: 'leftover-dropped'; relation: string }
  /** A tmp/backup relation of a node interrupted by a signal, dropped before `run-end`. */
  | { type: 'staging-dropped'; relation: string }
  /** Dropping those failed; the next run drops them as leftovers. */
  | { type: 'staging-cleanup-failed'; message: string }
  /**
   * Views that depended on a relation a node replaced: recreated in its swap (`kept`), or left
   * for their own model, which runs next, to rebuild (`dropped`).
   */
  | {
      type: 'dependents-kept';
      node: ManifestNode;
      relation: string;
      kept: string[];
      dropped: string[];
    }
  /**
   * A template's `log()` / `print()` / `print_table()` at run time (node SQL rendered just in
   * time, hooks), when its render ends. `info`: dbt's `info=True`, for the terminal.
   */
  | { type: 'log'; message: string; info: boolean }
  /** Something about a node that did not fail it, e.g. a documented column it lacks. */
  | { type: 'node-warning'; node: ManifestNode; message: string }
  | { type: 'run-start'; total: number; threads: number }
  | { type: 'hook-start'; hook: 'on-run-start' | 'on-run-end'; index: number; total: number }
  | { type: 'node-start'; index: number; total: number; node: ManifestNode; relation?: string }
  | {
      type: 'node-end';
      index: number;
      total: number;
      node: ManifestNode;
      relation?: string;
      result: NodeResult;
    }
  | ({ type: 'batch-start' } & BatchEventInfo)
  /** A batch failed once and is built again; `message` is its first error. */
  | ({ type: 'batch-retry'; message: string } & BatchEventInfo)
  | ({
      type: 'batch-end';
      status: 'success' | 'error' | 'skipped';
      /** `INSERT 12` / `SELECT 12`, or the error. */
      message: string;
      /** Seconds. */
      elapsed: number;
    } & BatchEventInfo)
  | { type: 'run-end'; results: NodeResult[]; elapsed: number; cancelled: boolean };

/** Counts of the summary line `Done. PASS=4 WARN=0 ERROR=1 SKIP=2 TOTAL=7`. */
export interface RunTotals {
  pass: number;
  warn: number;
  error: number;
  skip: number;
  /** Nodes interrupted by a signal while running. */
  cancelled: number;
  /** Microbatch models with some batches failed; counted in `error` too, as dbt counts them. */
  partialSuccess: number;
  total: number;
}

export function runTotals(results: readonly NodeResult[]): RunTotals {
  const totals: RunTotals = {
    pass: 0,
    warn: 0,
    error: 0,
    skip: 0,
    cancelled: 0,
    partialSuccess: 0,
    total: results.length,
  };
  for (const r of results) {
    if (r.status === 'success' || r.status === 'pass') totals.pass++;
    else if (r.status === 'warn') totals.warn++;
    else if (r.status === 'skipped') totals.skip++;
    else if (r.status === 'cancelled') totals.cancelled++;
    else totals.error++;
    if (r.status === 'partial success') totals.partialSuccess++;
  }
  return totals;
}

/**
 * Whether a status fails the invocation (exit code 1) and skips the node's descendants; a
 * partial success does both, as in dbt (its children would read a table with holes).
 */
export function isFailure(status: NodeStatus): boolean {
  return status === 'error' || status === 'fail' || status === 'partial success';
}
