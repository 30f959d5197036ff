import type { Step } from '../materializations/step';
import type { Connection, ExecuteResult } from './connection';

export interface StepResult {
  step: Step;
  result: ExecuteResult;
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
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  let i = 0;
  while (i < steps.length) {
    const step = steps[i]!;
    if (!step.transactional || steps[i + 1]?.transactional !== true) {
      results.push({ step, result: await conn.execute(step.sql, { label: step.label, node }) });
      i++;
      continue;
    }
    let end = i;
    while (end < steps.length && steps[end]!.transactional) end++;
    const group = steps.slice(i, end);
    await conn.transaction(async (tx) => {
      for (const s of group)
        results.push({ step: s, result: await tx.execute(s.sql, { label: s.label, node }) });
    });
    i = end;
  }
  return results;
}
