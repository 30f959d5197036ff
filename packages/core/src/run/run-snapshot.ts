import type { Connection } from '../adapter/connection';
import { runSteps, type StepResult } from '../adapter/run-steps';
import { TsmodelError } from '../diagnostics';
import type { ManifestNode } from '../manifest/types';
import {
  planSnapshotApply,
  planSnapshotCreate,
  planSnapshotStaging,
  snapshotColumnsProbe,
  snapshotNeedsQueryColumns,
} from '../materializations/snapshot';
import { snapshotSpec } from '../materializations/snapshot-config';
import { withHeaderRelations } from '../materializations/sql-header';
import {
  mainQueryId,
  runNodeHooks,
  rowsWritten,
  type NodeOutcome,
  type NodeRunContext,
} from './node-context';

/**
 * Takes one snapshot, between its hooks: the table on the first run, else stage the changes
 * and apply them in one transaction (see `planSnapshotStaging`). The table is only written by
 * that transaction, so a failing query or merge leaves it as it was; a failure after staging
 * drops the staging table. `--full-refresh` does not apply: a snapshot's history is kept.
 */
export async function runSnapshot(
  ctx: NodeRunContext,
  conn: Connection,
  node: ManifestNode,
  threadId: string,
): Promise<NodeOutcome> {
  const relation = node.relation!;
  // Checked before the first statement, as the compile did: a plan never starts half-valid.
  snapshotSpec(node.config, node.unique_id);
  const existing = ctx.relations.get(relation);
  if (existing?.kind === 'view')
    throw new TsmodelError({
      code: 'snapshot-target-not-table',
      message: `${node.unique_id}: ${ctx.dialect.renderRelation(relation)} is a view, and a snapshot is kept in a table`,
      node: node.unique_id,
      hint: 'drop the view, or point the snapshot elsewhere (schema, alias)',
    });
  // The header's relations (`{{ this }}`, refs in the call block) resolved as for models.
  const config = await withHeaderRelations(node.config, (t) =>
    ctx.renders.renderAdHoc(conn, t, { node: node.unique_id }),
  );
  const input = {
    node: {
      unique_id: node.unique_id,
      relation,
      config,
      sql: await ctx.renders.nodeSql(conn, node, false),
    },
    dialect: ctx.dialect,
  };
  await runNodeHooks(ctx, conn, node, 'pre_hook', false, threadId);
  // The dialect runs the steps a plan cannot spell out (a kept table's grants).
  const helpers = { dialect: ctx.dialect };
  const results: StepResult[] = [];
  if (!existing) {
    results.push(...(await runSteps(conn, planSnapshotCreate(input), node.unique_id, helpers)));
  } else {
    const introspector = ctx.introspector(conn);
    const tableColumns = await introspector.getColumns(relation);
    const queryColumns = snapshotNeedsQueryColumns(input)
      ? (
          await conn.fetch(snapshotColumnsProbe(input.node.sql), {
            label: 'read snapshot query columns',
            node: node.unique_id,
          })
        ).columns.map((c) => c.name)
      : undefined;
    const stage = planSnapshotStaging({
      ...input,
      tableColumns,
      ...(queryColumns ? { queryColumns } : {}),
    });
    try {
      results.push(...(await runSteps(conn, stage.steps, node.unique_id, helpers)));
      const stagingColumns = await introspector.getColumns(stage.staging);
      const apply = planSnapshotApply({
        ...input,
        staging: stage.staging,
        tableColumns,
        stagingColumns,
      });
      results.push(...(await runSteps(conn, apply, node.unique_id, helpers)));
    } catch (err) {
      await conn
        .execute(ctx.dialect.dropRelation('table', stage.staging, true), {
          label: 'drop staging after failure',
          node: node.unique_id,
        })
        .catch(() => undefined);
      throw err;
    }
  }
  ctx.relations.set(relation, 'table');
  ctx.catalog.changed(relation);
  await runNodeHooks(ctx, conn, node, 'post_hook', false, threadId);
  const rows = rowsWritten(results) ?? 0;
  const queryId = mainQueryId(results);
  return {
    status: 'success',
    message: `${existing ? 'INSERT' : 'SELECT'} ${rows}`,
    rowsAffected: rows,
    ...(queryId !== undefined ? { queryId } : {}),
  };
}
