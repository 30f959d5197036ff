import type { Dialect, TimeWindow } from '../adapter/dialect';
import type { RelationName } from '../manifest/types';
import {
  planIncrementalApply,
  type IncrementalApplyInput,
  type IncrementalStage,
} from './incremental';
import { suffixedRelation, TMP_SUFFIX } from './relations';
import { withGrants } from './grants';
import { withSqlHeader } from './sql-header';
import { step, type PlanInput, type Step } from './step';
import { planTable } from './table';

/**
 * One batch of a microbatch model. `node.sql` is the model's SQL rendered for this batch (its
 * parents with `event_time` read only the batch's window).
 */
export interface BatchPlanInput extends PlanInput {
  batch: TimeWindow & { id: string };
  /**
   * The batch builds the table from scratch: the first batch of a full build (no table yet,
   * `--full-refresh`, or a view in the way). It replaces the relation atomically, as a table
   * build does; every other batch replaces only its window.
   */
  replace: boolean;
  /**
   * The model's last batch of the run: it brings a kept table's grants to the config (the
   * middle batches may run at once, so they leave grants alone). A replacing batch grants.
   */
  last?: boolean;
}

/**
 * Phase one of a batch: for a replacing batch the table, of the batch's window only; else the
 * batch's rows staged in a relation of its own — batches of one model may run at once, so each
 * needs its own name. Phase two, once the columns are known, is {@link planBatchApply}.
 */
export function planBatchStage(input: BatchPlanInput): IncrementalStage {
  const { node, dialect } = input;
  const header = (steps: Step[]) =>
    withSqlHeader(
      steps,
      node.config.sql_header,
      node.unique_id,
      dialect.capabilities.transactionalDdl,
    );
  if (input.replace) {
    const { id: _id, ...window } = input.batch;
    const sql = dialect.selectInWindow(node.sql, window);
    const steps = header(planTable({ ...input, node: { ...node, sql } }));
    return { mode: 'complete', steps: withGrants(steps, node, 'table', dialect, false) };
  }
  const staging = batchStagingRelation(node.relation, input.batch.id, dialect);
  return {
    mode: 'incremental',
    staging,
    steps: header([
      step('create', 'stage the batch', dialect.createTableAs(staging, node.sql), false),
    ]),
  };
}

/**
 * Phase two: schema changes, then the batch's window deleted and its rows inserted, in one
 * transaction; then the staging table is dropped.
 */
export function planBatchApply(
  input: BatchPlanInput & Pick<IncrementalApplyInput, 'staging' | 'columns'>,
): Step[] {
  const { id: _id, ...window } = input.batch;
  const steps = planIncrementalApply({ ...input, window });
  return input.last ? withGrants(steps, input.node, 'table', input.dialect, true) : steps;
}

/**
 * `<model>__<batch id>__tsmodel_tmp`: ends like every tmp relation, so a killed run's leftover
 * is dropped by the next run as any other.
 */
export function batchStagingRelation(
  rel: RelationName,
  batchId: string,
  dialect: Dialect,
): RelationName {
  return suffixedRelation(rel, `__${batchId.toLowerCase()}${TMP_SUFFIX}`, dialect);
}
