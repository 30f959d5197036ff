import { TsmodelError } from '../diagnostics';
import { planIncrementalStage, type IncrementalStage } from './incremental';
import { withSqlHeader } from './sql-header';
import type { PlanInput, Step } from './step';
import { planTable } from './table';
import { planView } from './view';

export const MODEL_MATERIALIZATIONS = ['view', 'table', 'incremental', 'ephemeral'] as const;

/**
 * The plan for a model by its `materialized` config. Incremental models return their first
 * phase (see `planIncrementalStage`); ephemeral models are inlined into their children and plan
 * nothing. A `sql_header` runs before each statement that builds from the model's select.
 */
export function planModel(
  input: PlanInput,
): { mode: 'complete'; steps: Step[] } | IncrementalStage {
  const plan = planByMaterialization(input);
  const { sql_header: header } = input.node.config;
  const { transactionalDdl } = input.dialect.capabilities;
  return {
    ...plan,
    steps: withSqlHeader(plan.steps, header, input.node.unique_id, transactionalDdl),
  };
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
