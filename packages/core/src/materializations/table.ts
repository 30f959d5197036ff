import { tmpRelation, swapSteps } from './relations';
import { step, type PlanInput, type Step } from './step';

/**
 * A table rebuild that never destroys the previous good table when the build fails:
 * - nothing there: `create table … as`;
 * - DDL is transactional: build `__tsmodel_tmp`, then swap, all in one transaction;
 * - otherwise, an atomic `create or replace table` (Snowflake) when it replaces a table;
 * - otherwise: build tmp first, then a best-effort (non-atomic) swap.
 */
export function planTable(input: PlanInput): Step[] {
  const { node, existing, dialect } = input;
  const target = node.relation;
  const caps = dialect.capabilities;
  if (!existing)
    return [step('create', 'create table', dialect.createTableAs(target, node.sql), true)];
  if (!caps.transactionalDdl && caps.atomicCreateOrReplaceTable) {
    const replace = step(
      'create',
      'create or replace table',
      dialect.createOrReplaceTableAs(target, node.sql),
      false,
    );
    if (existing.kind === 'table') return [replace];
    return [
      step('drop', 'drop old view', dialect.dropRelation('view', target, true), false),
      replace,
    ];
  }
  const tmp = tmpRelation(target, dialect);
  return [
    step('create', 'create tmp table', dialect.createTableAs(tmp, node.sql), caps.transactionalDdl),
    ...swapSteps(target, existing.kind, tmp, 'table', dialect),
  ];
}
