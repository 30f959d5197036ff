import { tmpRelation, swapSteps } from './relations';
import { step, type PlanInput, type Step } from './step';

/**
 * A table rebuild that never destroys the previous good table when the build fails:
 * - nothing there: `create table … as`;
 * - an atomic `create or replace table` (DuckDB, Snowflake) when it replaces a table: one
 *   statement that either swaps the new table in or fails leaving the old one; replacing a
 *   view drops it first, in the same transaction where DDL is transactional;
 * - otherwise, with transactional DDL: build `__tsmodel_tmp`, then swap, in one transaction;
 * - otherwise: build tmp first, then a best-effort (non-atomic) swap.
 */
export function planTable(input: PlanInput): Step[] {
  return [...buildTable(input), ...finishTable(input)];
}

function buildTable(input: PlanInput): Step[] {
  const { node, existing, dialect } = input;
  const { relation: target, config } = node;
  const caps = dialect.capabilities;
  if (!existing)
    return [step('create', 'create table', dialect.createTableAs(target, node.sql, config), true)];
  if (caps.atomicCreateOrReplaceTable) {
    const tx = caps.transactionalDdl;
    const replace = step(
      'create',
      'create or replace table',
      dialect.createOrReplaceTableAs(target, node.sql, config),
      tx,
    );
    if (existing.kind === 'table') return [replace];
    return [step('drop', 'drop old view', dialect.dropRelation('view', target, true), tx), replace];
  }
  const tmp = tmpRelation(target, dialect);
  return [
    step(
      'create',
      'create tmp table',
      dialect.createTableAs(tmp, node.sql, config),
      caps.transactionalDdl,
    ),
    ...swapSteps(target, existing.kind, tmp, 'table', dialect),
  ];
}

/** The engine's options that apply once the table is in place (Snowflake's clustering). */
function finishTable(input: PlanInput): Step[] {
  const { relation, config } = input.node;
  return (input.dialect.afterCreateTable?.(relation, config) ?? []).map((sql) =>
    step('alter', 'set table options', sql, false),
  );
}
