import { TsmodelError } from '../diagnostics';
import { planIncrementalStage, type IncrementalStage } from './incremental';
import { withGrants } from './grants';
import { withPersistDocs } from './persist-docs';
import { withSqlHeader } from './sql-header';
import type { PlanInput, Step } from './step';
import { planTable } from './table';
import { planView } from './view';

export const MODEL_MATERIALIZATIONS = ['view', 'table', 'incremental', 'ephemeral'] as const;

/**
 * The plan for a model by its `materialized` config. Incremental models return their first
 * phase (see `planIncrementalStage`); ephemeral models are inlined into their children and plan
 * nothing. A `sql_header` runs before each statement that builds from the model's select, and
 * persist_docs' comments join the build (an incremental run's come with its apply phase).
 */
export function planModel(
  input: PlanInput,
): { mode: 'complete'; steps: Step[] } | IncrementalStage {
  const plan = planByMaterialization(input);
  const { node, dialect } = input;
  const { transactionalDdl } = dialect.capabilities;
  const steps = withSqlHeader(plan.steps, node.config.sql_header, node.unique_id, transactionalDdl);
  if (plan.mode === 'incremental') return { ...plan, steps };
  if (node.config.materialized === 'ephemeral') return { ...plan, steps };
  const kind = node.config.materialized === 'view' ? 'view' : 'table';
  // Built anew (a swap, or a first or full build of an incremental model): only granted.
  const built = withGrants(withPersistDocs(steps, node, kind, dialect), node, kind, dialect, false);
  return { ...plan, steps: built };
}

function planByMaterialization(
  input: PlanInput,
): { mode: 'complete'; steps: Step[] } | IncrementalStage {
  const { materialized } = input.node.config;
  switch (materialized) {
    case 'view':
      return { mode: 'complete', steps: planView(input) };
    case 'table':
      return { mode: 'complete', steps: planTable(input) };
    case 'ephemeral':
      return { mode: 'complete', steps: [] };
    case 'incremental':
      return planIncrementalStage(input);
    default:
      throw new TsmodelError({
        code: 'unknown-materialization',
        message: `unknown materialization '${materialized}' for ${input.node.unique_id}`,
        node: input.node.unique_id,
        hint: `use one of ${MODEL_MATERIALIZATIONS.join(', ')}`,
      });
  }
}
