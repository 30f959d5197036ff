import type { Connection } from '../adapter/connection';
import { runSteps } from '../adapter/run-steps';
import type { ManifestNode } from '../manifest/types';
import { planSeed } from '../materializations/seed';
import {
  mainQueryId,
  runNodeHooks,
  rowsWritten,
  warnMissingColumns,
  type NodeOutcome,
  type NodeRunContext,
} from './node-context';

/**
 * Loads one seed (`planSeed`), between its hooks. Planning checks the file, so a malformed one
 * fails here before any hook or statement has run.
 */
export async function runSeed(
  ctx: NodeRunContext,
  conn: Connection,
  node: ManifestNode,
  threadId: string,
): Promise<NodeOutcome> {
  const relation = node.relation!;
  const existing = ctx.relations.get(relation);
  const steps = planSeed({
    node: {
      unique_id: node.unique_id,
      relation,
      config: node.config,
      seedFile: node.seed_file!,
      seedPath: node.original_file_path,
      docs: { description: node.description, columns: node.columns },
    },
    ...(existing ? { existing } : {}),
    flags: { fullRefresh: ctx.fullRefresh, empty: ctx.empty === true },
    dialect: ctx.dialect,
  });
  await runNodeHooks(ctx, conn, node, 'pre_hook', false, threadId);
  const results = await runSteps(conn, steps, node.unique_id, {
    keeper: ctx.dependentsKeeper(node),
    dialect: ctx.dialect,
  });
  warnMissingColumns(ctx, node, results);
  ctx.relations.set(relation, 'table');
  ctx.catalog.changed(relation);
  await runNodeHooks(ctx, conn, node, 'post_hook', false, threadId);
  // Client-loaded seeds insert in batches: count them all, not just the last one.
  const inserts = results.filter((r) => r.step.kind === 'insert');
  const rows =
    inserts.length > 0
      ? inserts.reduce((n, r) => n + (r.result.rowsAffected ?? 0), 0)
      : (rowsWritten(results) ?? 0);
  const queryId = mainQueryId(results);
  return {
    status: 'success',
    message: `INSERT ${rows}`,
    rowsAffected: rows,
    ...(queryId !== undefined ? { queryId } : {}),
  };
}
