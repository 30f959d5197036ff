import type { Connection } from '../adapter/connection';
import type { Dialect } from '../adapter/dialect';
import type { Introspector } from '../adapter/introspector';
import type { DependentsKeeper, StepResult } from '../adapter/run-steps';
import type { AdHocRender } from '../compile/ad-hoc-render';
import type { Manifest, ManifestNode } from '../manifest/types';
import type { NodeStatus } from './types';
import type { RelationCache } from './relation-cache';

/** What every node runner needs besides its connection: shared for the whole invocation. */
export interface NodeRunContext {
  manifest: Manifest;
  dialect: Dialect;
  relations: RelationCache;
  introspector(conn: Connection): Introspector;
  /** `CompileResult.finalize`: full-build SQL, or the incremental re-render. */
  finalize(uniqueId: string, options?: { isIncremental: boolean }): string;
  renderAdHoc: AdHocRender;
  fullRefresh: boolean;
  /** Sets the session state the node asks for (the adapter's `beforeNode`), before its first statement. */
  beforeNode(conn: Connection, node: ManifestNode): Promise<void>;
  /** Keeps the views depending on what `node` replaces; absent where views survive a replace. */
  dependentsKeeper(node: ManifestNode): DependentsKeeper | undefined;
}

/** What a node runner reports; the executor adds timing and ids. */
export interface NodeOutcome {
  status: NodeStatus;
  message: string;
  rowsAffected?: number;
  /** The warehouse's id of the node's main statement, for its query history. */
  queryId?: string;
  failures?: number | null;
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

/** Renders and runs a node's `pre_hook` or `post_hook` statements, in order. */
export async function runNodeHooks(
  ctx: NodeRunContext,
  conn: Connection,
  node: ManifestNode,
  which: 'pre_hook' | 'post_hook',
  isIncremental: boolean,
): Promise<void> {
  const hooks = node.config[which] ?? [];
  for (const [i, hook] of hooks.entries()) {
    const sql = ctx.renderAdHoc(hook, { node: node.unique_id, isIncremental });
    if (sql.trim() === '') continue;
    await conn.execute(sql, { label: `${which.replace('_', '-')} ${i + 1}`, node: node.unique_id });
  }
}
