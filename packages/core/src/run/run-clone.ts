import type { Connection } from '../adapter/connection';
import type { RelationKind } from '../adapter/dialect';
import { runSteps } from '../adapter/run-steps';
import type { Manifest, ManifestNode, RelationName } from '../manifest/types';
import { planClone } from '../materializations/clone';
import { qualifiedKey, stateRelation } from './deferral';
import { mainQueryId, rowsWritten, type NodeOutcome, type NodeRunContext } from './node-context';

/** What `tsmodel clone` runs against: the `--state` manifest and where its relations are. */
export interface CloneContext {
  state: Manifest;
  /** The kind of a state relation, or undefined when it does not exist (one listing per schema). */
  kindOf(conn: Connection, relation: RelationName): Promise<RelationKind | undefined>;
}

/**
 * dbt's `clone` of one node: its relation becomes a copy of the state's — a zero-copy clone
 * where the engine has one, else a view of it (see `planClone`). A relation that already exists
 * here is kept unless `--full-refresh` (as dbt, which never clobbers one); a node the state
 * did not build, or whose state relation is gone, fails with what to do.
 */
export async function runClone(
  ctx: NodeRunContext & { clone: CloneContext },
  conn: Connection,
  node: ManifestNode,
): Promise<NodeOutcome> {
  const relation = node.relation!;
  const source = stateRelation(ctx.clone.state.nodes?.[node.unique_id]);
  if (!source)
    return {
      status: 'error',
      message: `${node.unique_id} is not in the --state manifest, so there is nothing to clone: build it instead`,
    };
  if (qualifiedKey(ctx.dialect, source) === qualifiedKey(ctx.dialect, relation))
    return { status: 'success', message: 'No-op: the state relation is this relation' };
  const existing = ctx.relations.get(relation);
  if (existing && !ctx.fullRefresh)
    return {
      status: 'success',
      message: `No-op: ${ctx.dialect.renderRelation(relation)} exists (--full-refresh replaces it)`,
    };
  const kind = await ctx.clone.kindOf(conn, source);
  if (!kind)
    return {
      status: 'error',
      message: `the --state relation ${ctx.dialect.renderRelation(source)} of ${node.unique_id} does not exist: run the state's build again, or build this node`,
    };
  const steps = planClone({
    node: { unique_id: node.unique_id, relation, config: node.config, sql: '' },
    ...(existing ? { existing } : {}),
    flags: { fullRefresh: ctx.fullRefresh },
    dialect: ctx.dialect,
    source: { relation: source, kind },
  });
  const keeper = ctx.dependentsKeeper(node);
  const results = await runSteps(conn, steps, node.unique_id, {
    dialect: ctx.dialect,
    ...(keeper ? { keeper } : {}),
  });
  const cloned = steps.some((s) => s.label === 'clone table');
  ctx.relations.set(relation, cloned ? 'table' : 'view');
  ctx.catalog.changed(relation);
  const rows = rowsWritten(results);
  const queryId = mainQueryId(results);
  return {
    status: 'success',
    message: cloned ? 'CLONE' : 'CREATE VIEW',
    ...(rows !== undefined ? { rowsAffected: rows } : {}),
    ...(queryId !== undefined ? { queryId } : {}),
  };
}
