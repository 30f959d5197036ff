import type { RelationName } from '../manifest/types';
import type { Step } from '../materializations/step';
import type { Connection, ExecuteResult, StatementRunner } from './connection';

export interface StepResult {
  step: Step;
  result: ExecuteResult;
}

/**
 * Keeps the views that depend on a relation across the transaction that replaces it: `detach`
 * runs right before the step marked `keepDependentsOf`, `restore` at the end of the same
 * transaction (a failure rolls the whole swap back), `committed` once it is committed.
 */
export interface DependentsKeeper {
  detach(tx: StatementRunner, relation: RelationName): Promise<DetachedDependents>;
}

export interface DetachedDependents {
  restore(tx: StatementRunner): Promise<void>;
  committed(): void;
}

/**
 * Executes a plan in order. Each maximal run of consecutive `transactional` steps goes into one
 * transaction (that is how a swap becomes atomic); the rest run on their own. A run of one step
 * needs no BEGIN/COMMIT: a lone statement is already atomic, and the two round trips were a
 * third of a trivial model's statements. The first failure stops the plan, after the open
 * transaction rolled back.
 */
export async function runSteps(
  conn: Connection,
  steps: readonly Step[],
  node?: string,
  keeper?: DependentsKeeper,
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  let i = 0;
  while (i < steps.length) {
    const step = steps[i]!;
    const keeps = keeper !== undefined && step.keepDependentsOf !== undefined;
    if (!step.transactional || (steps[i + 1]?.transactional !== true && !keeps)) {
      results.push({ step, result: await conn.execute(step.sql, { label: step.label, node }) });
      i++;
      continue;
    }
    let end = i;
    while (end < steps.length && steps[end]!.transactional) end++;
    const group = steps.slice(i, end);
    const detached: DetachedDependents[] = [];
    await conn.transaction(async (tx) => {
      for (const s of group) {
        if (keeper && s.keepDependentsOf)
          detached.push(await keeper.detach(tx, s.keepDependentsOf));
        results.push({ step: s, result: await tx.execute(s.sql, { label: s.label, node }) });
      }
      for (const d of detached) await d.restore(tx);
    });
    for (const d of detached) d.committed();
    i = end;
  }
  return results;
}
