import type { RelationKind } from '../adapter/dialect';
import type { RelationName } from '../manifest/types';
import { step, type PlanInput, type Step } from './step';
import { planView } from './view';

/** `tsmodel clone`'s input: the node's own relation, and the `--state` relation it copies. */
export interface CloneInput extends PlanInput {
  source: { relation: RelationName; kind: RelationKind };
}

/**
 * dbt's `clone`: a zero-copy clone of the state's table where the engine has one (Snowflake's
 * `create or replace table … clone …`, one atomic statement); otherwise — other engines, or a
 * view in the state — a view selecting everything from the state's relation, replaced as any
 * view model is (atomically). The caller decides whether to clone at all (an existing relation
 * is kept unless `--full-refresh`).
 */
export function planClone(input: CloneInput): Step[] {
  const { node, existing, dialect, source } = input;
  if (source.kind === 'table' && dialect.cloneTable) {
    const clone = step(
      'create',
      'clone table',
      dialect.cloneTable(node.relation, source.relation, node.config),
      false,
    );
    if (existing?.kind !== 'view') return [clone];
    return [
      step('drop', 'drop old view', dialect.dropRelation('view', node.relation, true), false),
      clone,
    ];
  }
  const sql = `select * from ${dialect.renderRelation(source.relation)}`;
  return planView({ ...input, node: { ...input.node, sql } });
}
