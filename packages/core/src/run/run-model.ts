import type { Connection } from '../adapter/connection';
import { runSteps, type StepResult } from '../adapter/run-steps';
import type { ManifestNode } from '../manifest/types';
import { shouldFullRefresh } from '../materializations/full-refresh';
import { planIncrementalApply } from '../materializations/incremental';
import { planModel } from '../materializations/plan';
import { withHeaderRelations } from '../materializations/sql-header';
import { isMicrobatch } from '../materializations/microbatch-config';
import { checkContract } from './contract-check';
import { isEmptySql } from '../compile/empty-sql';
import { emptyModelRunError } from '../compile/empty-models';
import { runMicrobatch, type ConnectionLender } from './run-microbatch';
import {
  mainQueryId,
  runNodeHooks,
  rowsWritten,
  warnMissingColumns,
  type NodeOutcome,
  type NodeRunContext,
} from './node-context';

/**
 * Builds one model: pre-hooks, the materialization's plan (for an incremental model, stage →
 * read columns → apply), post-hooks. Planners make every swap atomic, so when a step fails the
 * previous relation is still in place; a failed incremental drops its staging table.
 */
export async function runModel(
  ctx: NodeRunContext,
  conn: Connection,
  node: ManifestNode,
  threadId: string,
  /** Free connections of the run, for a microbatch model's parallel batches. */
  lender?: ConnectionLender,
): Promise<NodeOutcome> {
  if (isMicrobatch(node.config)) return runMicrobatch(ctx, conn, node, threadId, lender);
  const relation = node.relation!;
  const existing = ctx.relations.get(relation);
  const isIncremental =
    node.config.materialized === 'incremental' &&
    existing?.kind === 'table' &&
    !shouldFullRefresh(ctx.fullRefresh, node.config.full_refresh);
  const config = await withHeaderRelations(node.config, (t) =>
    ctx.renders.renderAdHoc(conn, t, { node: node.unique_id, isIncremental }),
  );
  const sql = await ctx.renders.nodeSql(conn, node, isIncremental);
  // Before any hook or DDL: an empty select would replace the relation with nothing.
  if (isEmptySql(sql)) throw emptyModelRunError(node);
  const contract = await checkContract(conn, node, sql, config, ctx.dialect);
  const input = {
    node: {
      unique_id: node.unique_id,
      relation,
      config,
      sql,
      ...(contract ? { contract } : {}),
      docs: { description: node.description, columns: node.columns },
    },
    ...(existing ? { existing } : {}),
    flags: { fullRefresh: ctx.fullRefresh },
    dialect: ctx.dialect,
  };
  const plan = planModel(input);
  await runNodeHooks(ctx, conn, node, 'pre_hook', isIncremental, threadId);
  const helpers = { keeper: ctx.dependentsKeeper(node), dialect: ctx.dialect };
  const results: StepResult[] = await runSteps(conn, plan.steps, node.unique_id, helpers);
  if (plan.mode === 'incremental') {
    try {
      const introspector = ctx.introspector(conn);
      const [existingColumns, incoming] = await Promise.all([
        introspector.getColumns(relation),
        introspector.getColumns(plan.staging),
      ]);
      const apply = planIncrementalApply({
        ...input,
        staging: plan.staging,
        columns: { existing: existingColumns, incoming },
      });
      results.push(...(await runSteps(conn, apply, node.unique_id, helpers)));
    } catch (err) {
      await conn
        .execute(ctx.dialect.dropRelation('table', plan.staging, true), {
          label: 'drop staging after failure',
          node: node.unique_id,
        })
        .catch(() => undefined);
      throw err;
    }
  }
  warnMissingColumns(ctx, node, results);
  const kind = node.config.materialized === 'view' ? 'view' : 'table';
  ctx.relations.set(relation, kind);
  ctx.catalog.changed(relation);
  await runNodeHooks(ctx, conn, node, 'post_hook', isIncremental, threadId);
  const rows = rowsWritten(results);
  const queryId = mainQueryId(results);
  const verb = plan.mode === 'incremental' ? 'INSERT' : kind === 'view' ? 'CREATE VIEW' : 'SELECT';
  return {
    status: 'success',
    message: kind === 'view' ? verb : `${verb} ${rows ?? 0}`,
    ...(rows !== undefined && kind !== 'view' ? { rowsAffected: rows } : {}),
    ...(queryId !== undefined ? { queryId } : {}),
  };
}
