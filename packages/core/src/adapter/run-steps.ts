import type { RelationName } from '../manifest/types';
import { columnCommentStatements } from '../materializations/persist-docs';
import { grantDiffStatements, type GrantsRequest } from '../materializations/grants';
import type { Step } from '../materializations/step';
import type { Dialect } from './dialect';
import type { Connection, ExecuteResult, StatementRunner } from './connection';

export interface StepResult {
  step: Step;
  result: ExecuteResult;
  /** A `columnDocs` step: the documented columns the relation does not have. */
  missingColumns?: string[];
}

/** What a plan's steps may need from the run beyond its connection. */
export interface StepHelpers {
  /** Keeps the views depending on what a `keepDependentsOf` step detaches. */
  keeper?: DependentsKeeper;
  /** Writes the comments of a `columnDocs` step (persist_docs), which a plan cannot spell out. */
  dialect?: Dialect;
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
  helpers: StepHelpers = {},
): Promise<StepResult[]> {
  const { keeper } = helpers;
  const run = (runner: StatementRunner, s: Step) => runStep(runner, s, node, helpers.dialect);
  const results: StepResult[] = [];
  let i = 0;
  while (i < steps.length) {
    const step = steps[i]!;
    const keeps = keeper !== undefined && step.keepDependentsOf !== undefined;
    const alone = step.columnDocs === undefined && step.grants === undefined && !keeps;
    if (!step.transactional || (steps[i + 1]?.transactional !== true && alone)) {
      results.push(await run(conn, step));
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
        results.push(await run(tx, s));
      }
      for (const d of detached) await d.restore(tx);
    });
    for (const d of detached) d.committed();
    i = end;
  }
  return results;
}

async function runStep(
  runner: StatementRunner,
  step: Step,
  node: string | undefined,
  dialect: Dialect | undefined,
): Promise<StepResult> {
  if (step.grants) return runGrantsStep(runner, step, step.grants, node, dialect);
  if (!step.columnDocs)
    return { step, result: await runner.execute(step.sql, { label: step.label, node }) };
  if (!dialect) throw new Error(`runSteps needs the dialect to run '${step.label}'`);
  const { columns } = await runner.fetch(step.sql, { label: step.label, node });
  const { statements, missing } = columnCommentStatements(
    dialect,
    step.columnDocs,
    columns.map((c) => c.name),
  );
  for (const sql of statements) await runner.execute(sql, { label: 'comment on column', node });
  return { step, result: {}, missingColumns: missing };
}

/** A kept relation's grants: read those in place, then revoke and grant the difference. */
async function runGrantsStep(
  runner: StatementRunner,
  step: Step,
  request: GrantsRequest,
  node: string | undefined,
  dialect: Dialect | undefined,
): Promise<StepResult> {
  const sql = dialect?.grants;
  if (!sql) throw new Error(`runSteps needs a dialect with grants to run '${step.label}'`);
  const current = await runner.fetch(step.sql, { label: 'show grants', node });
  const at = (name: string) => current.columns.findIndex((c) => c.name.toLowerCase() === name);
  const [grantee, privilege] = [at('grantee'), at('privilege_type')];
  const held = current.rows.map((row) => ({
    grantee: String(row[grantee]),
    privilege: String(row[privilege]),
  }));
  for (const statement of grantDiffStatements(sql, request, held))
    await runner.execute(statement, { label: step.label, node });
  return { step, result: {} };
}
