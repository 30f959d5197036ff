import type { Adapter, Connection, StepResult } from '@tsmodel/core/adapter';
import { runSteps } from '@tsmodel/core/adapter';
import {
  planIncrementalApply,
  planModel,
  planSeed,
  type PlanNode,
  type SeedPlanInput,
} from '@tsmodel/core/materializations';

/**
 * The smallest honest runner: look up what exists, plan, execute — including the incremental
 * two-phase dance (stage, introspect both sides, apply). The conformance suite drives every
 * adapter through it so plans are proven against a real engine, not just golden text.
 */
export async function buildNode(
  adapter: Adapter,
  conn: Connection,
  node: PlanNode,
  flags: { fullRefresh: boolean } = { fullRefresh: false },
): Promise<StepResult[]> {
  const introspector = adapter.introspector(conn);
  const existing = await existingKind(adapter, conn, node.relation);
  const input = { node, existing, flags, dialect: adapter.dialect };
  const plan = planModel(input);
  if (plan.mode === 'complete') return runSteps(conn, plan.steps, node.unique_id);
  const staged = await runSteps(conn, plan.steps, node.unique_id);
  const columns = {
    existing: await introspector.getColumns(node.relation),
    incoming: await introspector.getColumns(plan.staging),
  };
  const applied = await runSteps(
    conn,
    planIncrementalApply({ ...input, staging: plan.staging, columns }),
    node.unique_id,
  );
  return [...staged, ...applied];
}

/** Loads a seed: existing relation lookup, then the seed plan. */
export async function loadSeed(
  adapter: Adapter,
  conn: Connection,
  node: SeedPlanInput['node'],
  flags: { fullRefresh: boolean } = { fullRefresh: false },
): Promise<StepResult[]> {
  const existing = await existingKind(adapter, conn, node.relation);
  return runSteps(
    conn,
    planSeed({ node, existing, flags, dialect: adapter.dialect }),
    node.unique_id,
  );
}

async function existingKind(adapter: Adapter, conn: Connection, rel: PlanNode['relation']) {
  const relations = await adapter.introspector(conn).listRelations(rel.database, rel.schema);
  const found = relations.find((r) => r.name === rel.identifier);
  return found ? { kind: found.kind } : undefined;
}
