import { backupRelation, swapSteps, tmpRelation } from './relations';
import { step, type PlanInput, type Step } from './step';

/**
 * A view rebuild. Replacing a view is one atomic `create or replace view` where the engine has
 * it. Replacing a table (a model switched from table to view) cannot use it: with transactional
 * DDL the table is renamed away and the view created in one transaction; elsewhere the view is
 * created aside first and swapped in.
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
        dialect.createViewAs(target, node.sql, { replace: false }),
        true,
      ),
    ];
  if (existing.kind === 'view' && caps.createOrReplaceView) {
    return [
      step(
        'create',
        'create or replace view',
        dialect.createViewAs(target, node.sql, { replace: true }),
        true,
      ),
    ];
  }
  if (caps.transactionalDdl) {
    const backup = backupRelation(target, dialect);
    return [
      step(
        'rename',
        'move old to backup',
        dialect.renameRelation(existing.kind, target, backup.identifier),
        true,
      ),
      step(
        'create',
        'create view',
        dialect.createViewAs(target, node.sql, { replace: false }),
        true,
      ),
      step('drop', 'drop backup', dialect.dropRelation(existing.kind, backup, true), false),
    ];
  }
  const tmp = tmpRelation(target, dialect);
  return [
    step(
      'create',
      'create tmp view',
      dialect.createViewAs(tmp, node.sql, { replace: false }),
      false,
    ),
    ...swapSteps(target, existing.kind, tmp, 'view', dialect),
  ];
}
