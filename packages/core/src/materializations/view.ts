import { swapSteps, tmpRelation } from './relations';
import { dropOldKeepingDependents, step, type PlanInput, type Step } from './step';

/**
 * A view rebuild. Replacing a view is one atomic `create or replace view` where the engine has
 * it. Replacing a table (a model switched from table to view), or a view where `create or
 * replace` is not safe (Postgres rejects changed columns): with transactional DDL the old object
 * is dropped and the view created in one transaction; elsewhere the view is created aside first
 * and swapped in.
 */
export function planView(input: PlanInput): Step[] {
  const { node, existing, dialect } = input;
  const target = node.relation;
  const caps = dialect.capabilities;
  if (!existing)
    return [
      step(
        'create',
        'create view',
        dialect.createViewAs(target, node.sql, { replace: false }, node.config),
        true,
      ),
    ];
  if (existing.kind === 'view' && caps.createOrReplaceView) {
    return [
      step(
        'create',
        'create or replace view',
        dialect.createViewAs(target, node.sql, { replace: true }, node.config),
        true,
      ),
    ];
  }
  if (caps.transactionalDdl) {
    // Drop, not rename: a view bound to a table that was swapped out earlier in the run may
    // already be gone (Postgres `drop … cascade` takes dependants with it), so the relation
    // cache can be stale; `drop if exists` tolerates that, and the transaction keeps it atomic.
    return [
      dropOldKeepingDependents(existing, target, dialect, true),
      step(
        'create',
        'create view',
        dialect.createViewAs(target, node.sql, { replace: false }, node.config),
        true,
      ),
    ];
  }
  const tmp = tmpRelation(target, dialect);
  return [
    step(
      'create',
      'create tmp view',
      dialect.createViewAs(tmp, node.sql, { replace: false }, node.config),
      false,
    ),
    ...swapSteps(target, existing.kind, tmp, 'view', dialect),
  ];
}
