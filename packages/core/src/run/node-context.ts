import type { CloneContext } from './run-clone';
import type { Connection } from '../adapter/connection';
import type { Dialect } from '../adapter/dialect';
import type { Introspector } from '../adapter/introspector';
import type { DependentsKeeper, StepResult } from '../adapter/run-steps';
import type { Manifest, ManifestNode } from '../manifest/types';
import { parseHook } from '../project/hook-config';
import type { BatchResults, NodeStatus } from './types';
import type { MicrobatchRun } from './run-microbatch';
import type { RelationCache } from './relation-cache';
import type { RunCatalog } from './run-catalog';
import type { RunRenders } from './run-renders';
import type { UnitTestNode } from '../unit-tests/types';
import type { RenderBatch } from '../compile/jit-renderer';

/** What every node runner needs besides its connection: shared for the whole invocation. */
export interface NodeRunContext {
  manifest: Manifest;
  dialect: Dialect;
  relations: RelationCache;
  introspector(conn: Connection): Introspector;
  /** Node SQL and hook SQL for this run, rendered just in time where templates need it. */
  renders: RunRenders;
  /** A unit test's model SQL, its inputs replaced by `fixtures` (see `unitTestRenderer`). */
  unitTestSql(
    conn: Connection,
    test: UnitTestNode,
    fixtures: ReadonlyMap<string, string>,
  ): Promise<string>;
  /** What templates learned about the warehouse; a node that builds a relation tells it. */
  catalog: RunCatalog;
  fullRefresh: boolean;
  /** `tsmodel clone`: nodes are copied from the state's relations instead of built. */
  clone?: CloneContext;
  /** `--empty`: seeds create their tables with no rows. */
  empty?: boolean;
  /** `--store-failures`: tests that do not configure `store_failures` keep their failing rows. */
  storeFailures: boolean;
  /** Sets the session state the node asks for (the adapter's `beforeNode`), before its first statement. */
  beforeNode(conn: Connection, node: ManifestNode): Promise<void>;
  /** Keeps the views depending on what `node` replaces; absent where views survive a replace. */
  dependentsKeeper(node: ManifestNode): DependentsKeeper | undefined;
  /** Reports something about a node that did not fail it (a `node-warning` event). */
  warn(node: ManifestNode, message: string): void;
  /** The run's clock, `--event-time-*` range and retried batches, for microbatch models. */
  microbatch: MicrobatchRun;
}

/** What a node runner reports; the executor adds timing and ids. */
export interface NodeOutcome {
  status: NodeStatus;
  message: string;
  rowsAffected?: number;
  /** The warehouse's id of the node's main statement, for its query history. */
  queryId?: string;
  failures?: number | null;
  /** Microbatch models: which batches were built and which failed. */
  batchResults?: BatchResults;
}

/** Kinds of step whose row count is the node's "rows affected": the statement that wrote data. */
const WRITE_KINDS = new Set(['create', 'insert', 'merge']);

/** The query id of the last data-writing step, where the warehouse reports one (Snowflake). */
export function mainQueryId(results: readonly StepResult[]): string | undefined {
  for (let i = results.length - 1; i >= 0; i--) {
    const r = results[i]!;
    if (WRITE_KINDS.has(r.step.kind)) return r.result.queryId;
  }
  return undefined;
}

/** Rows of the last data-writing step (staging a table counts until an insert/merge follows). */
export function rowsWritten(results: readonly StepResult[]): number | undefined {
  for (let i = results.length - 1; i >= 0; i--) {
    const r = results[i]!;
    if (WRITE_KINDS.has(r.step.kind)) return r.result.rowsAffected;
  }
  return undefined;
}

/**
 * persist_docs could not comment a documented column the built relation lacks: a warning with
 * dbt's words, as the build itself succeeded.
 */
export function warnMissingColumns(
  ctx: NodeRunContext,
  node: ManifestNode,
  results: readonly StepResult[],
): void {
  const missing = results.flatMap((r) => r.missingColumns ?? []);
  if (missing.length === 0) return;
  const where = node.patch_path
    ? ` (fix their names in ${node.patch_path.replace(/^[^:]*:\/\//, '')})`
    : '';
  ctx.warn(
    node,
    `${node.unique_id}: The following columns are specified in the schema but are not present in the database: ${missing.join(', ')} — persist_docs wrote no comment for them${where}`,
  );
}

/**
 * Renders and runs a node's `pre_hook` or `post_hook` statements. Hooks with
 * `transaction: false` (`before_begin`, `after_commit`) run first among the pre-hooks and last
 * among the post-hooks, as dbt orders them around the node's transaction; each hook is its own
 * statement, outside the transaction of the node's build.
 */
export async function runNodeHooks(
  ctx: NodeRunContext,
  conn: Connection,
  node: ManifestNode,
  which: 'pre_hook' | 'post_hook',
  isIncremental: boolean,
  /** dbt's `thread_id` in hooks: the worker running the node (`Thread-1`). */
  threadId: string,
  /** A microbatch model's batch the hooks run with (`model.batch`). */
  batch?: RenderBatch,
): Promise<void> {
  const render = (text: string) =>
    ctx.renders.renderAdHoc(conn, text, {
      node: node.unique_id,
      isIncremental,
      globals: { thread_id: threadId },
      ...(batch ? { batch } : {}),
    });
  const calls: Array<{ index: number; sql: string; transaction: boolean }> = [];
  for (const [i, text] of (node.config[which] ?? []).entries()) {
    const call = parseHook(text);
    let sql = await render(call.sql);
    const printed = parseHook(sql);
    // `"{{ after_commit('…') }}"` prints a hook dict; its SQL still holds relation markers.
    if (printed.sql !== sql) sql = await render(printed.sql);
    calls.push({ index: i + 1, sql, transaction: call.transaction && printed.transaction });
  }
  const outside = calls.filter((c) => !c.transaction);
  const inside = calls.filter((c) => c.transaction);
  const ordered = which === 'pre_hook' ? [...outside, ...inside] : [...inside, ...outside];
  for (const call of ordered) {
    if (call.sql.trim() === '') continue;
    await conn.execute(call.sql, {
      label: `${which.replace('_', '-')} ${call.index}`,
      node: node.unique_id,
    });
  }
}
