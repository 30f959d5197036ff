import { closest } from 'fastest-levenshtein';
import type {
  ColumnDef,
  Dialect,
  IncrementalStatementInput,
  IncrementalStrategy,
  TimeWindow,
} from '../adapter/dialect';
import { TsmodelError } from '../diagnostics';
import type { RelationName } from '../manifest/types';
import { shouldFullRefresh } from './full-refresh';
import { tmpRelation } from './relations';
import { withGrants } from './grants';
import { withPersistDocs } from './persist-docs';
import { ON_SCHEMA_CHANGE_MODES, planSchemaChange, type OnSchemaChange } from './schema-change';
import { step, type PlanInput, type Step } from './step';
import { planTable } from './table';

export const INCREMENTAL_STRATEGIES: readonly IncrementalStrategy[] = [
  'append',
  'delete+insert',
  'merge',
  'insert_overwrite',
  'microbatch',
];

/**
 * Phase one of an incremental build. A full build (first run, full refresh, or the existing
 * object is a view) is complete on its own. Otherwise the new rows are staged into
 * `__tsmodel_tmp`; the caller then reads the columns of staging and target and calls
 * `planIncrementalApply` — two phases because `on_schema_change` depends on columns only the
 * warehouse knows once the staging table exists.
 */
export type IncrementalStage =
  | { mode: 'complete'; steps: Step[] }
  | { mode: 'incremental'; steps: Step[]; staging: RelationName };

export function planIncrementalStage(input: PlanInput): IncrementalStage {
  const { node, existing, flags, dialect } = input;
  // Validate config before touching the warehouse, so a typo fails fast on every run.
  if (resolveStrategy(input) === 'microbatch')
    throw new TsmodelError({
      code: 'microbatch-unbatched',
      message: `${node.unique_id} is a microbatch model: it is planned batch by batch (planBatch)`,
      node: node.unique_id,
      kind: 'internal',
    });
  resolveOnSchemaChange(input);
  const full =
    shouldFullRefresh(flags.fullRefresh, node.config.full_refresh) || existing?.kind === 'view';
  if (!existing || full) return { mode: 'complete', steps: planTable(input) };
  const staging = tmpRelation(node.relation, dialect);
  return {
    mode: 'incremental',
    staging,
    steps: [step('create', 'stage new rows', dialect.createTableAs(staging, node.sql), false)],
  };
}

export interface IncrementalApplyInput extends PlanInput {
  staging: RelationName;
  columns: { existing: ColumnDef[]; incoming: ColumnDef[] };
  /** A microbatch batch's window of the target (see `planBatchApply`). */
  window?: TimeWindow;
}

/**
 * Phase two: schema changes, the strategy's statements and persist_docs' comments in one
 * transaction, so the target moves from the old rows to the new ones at once; then the staging
 * table is dropped.
 */
export function planIncrementalApply(input: IncrementalApplyInput): Step[] {
  const { node, staging, columns, dialect } = input;
  const target = node.relation;
  const strategy = resolveStrategy(input);
  const schema = planSchemaChange({
    mode: resolveOnSchemaChange(input),
    target,
    existing: columns.existing,
    incoming: columns.incoming,
    dialect,
    node: node.unique_id,
  });
  const statement: IncrementalStatementInput = {
    target,
    source: staging,
    columns: schema.columns,
    uniqueKey: uniqueKeyOf(input),
    predicates: predicatesOf(input),
    ...mergeColumns(input, schema.columns),
    ...(input.window ? { window: input.window } : {}),
  };
  const steps = [
    ...schema.steps,
    ...writeSteps(strategy, statement, dialect),
    step('drop', 'drop staging', dialect.dropRelation('table', staging, true), false),
  ];
  // dbt writes an incremental model's comments on every run, so edited descriptions land.
  const documented = withPersistDocs(steps, node, 'table', dialect);
  // The table is kept: grants the config dropped are revoked. A microbatch model's batches
  // leave grants to its last batch (`planBatchApply`), as batches may run at once.
  return input.window ? documented : withGrants(documented, node, 'table', dialect, true);
}

/** The strategy's statements; a keyless delete+insert or merge degrades to append, as in dbt. */
function writeSteps(
  strategy: IncrementalStrategy,
  statement: IncrementalStatementInput,
  dialect: Dialect,
): Step[] {
  if (strategy === 'microbatch') {
    const { window } = statement;
    if (!window)
      throw new TsmodelError({
        code: 'microbatch-without-window',
        message: `a microbatch write of ${dialect.renderRelation(statement.target)} has no batch window`,
        kind: 'internal',
      });
    const sql = dialect.replaceWindow({ ...statement, window });
    return [
      step('delete', 'delete the batch window', sql.delete, true),
      step('insert', 'insert the batch', sql.insert, true),
    ];
  }
  if (strategy === 'merge')
    return [step('merge', 'merge new rows', dialect.merge(statement), true)];
  if (strategy === 'insert_overwrite')
    return [step('insert', 'overwrite rows', dialect.insertOverwrite!(statement), true)];
  if (strategy === 'delete+insert' && statement.uniqueKey.length > 0) {
    const sql = dialect.deleteInsert(statement);
    return [
      step('delete', 'delete replaced rows', sql.delete, true),
      step('insert', 'insert new rows', sql.insert, true),
    ];
  }
  const { target, source, columns } = statement;
  return [step('insert', 'append new rows', dialect.insertInto(target, source, columns), true)];
}

/**
 * `unique_key` as a list: a string is one column (or expression), a list is a composite key;
 * `''`, `[]` and blank entries mean no key, as in dbt (append instead of matching on nothing).
 * dbt pastes the key into its SQL as written, so projects quote mixed-case columns themselves
 * (`unique_key='"col_A"'`): such a key is the column it names, which the dialect quotes again.
 */
export function uniqueKeyOf(input: PlanInput): string[] {
  const key = input.node.config.unique_key;
  if (key === undefined || key === null) return [];
  const q = input.dialect.quoteCharacter;
  return (Array.isArray(key) ? key : [key])
    .map(String)
    .filter((k) => k.trim() !== '')
    .map((k) => {
      const t = k.trim();
      const quoted = t.length > 2 && t.startsWith(q) && t.endsWith(q);
      return quoted ? t.slice(1, -1).replaceAll(q + q, q) : k;
    });
}

/** `incremental_predicates`, or dbt's older spelling `predicates`. */
function predicatesOf(input: PlanInput): string[] {
  const { config } = input.node;
  const value = config.incremental_predicates ?? (config.predicates as unknown);
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/**
 * `merge_update_columns` / `merge_exclude_columns`, checked against the columns written: a
 * name that is not one of them would silently update nothing, so it is an error naming it.
 */
function mergeColumns(
  input: PlanInput,
  columns: string[],
): Pick<IncrementalStatementInput, 'updateColumns' | 'excludeColumns'> {
  const { config, unique_id } = input.node;
  const list = (key: string) => {
    const value = config[key];
    if (value === undefined || value === null) return undefined;
    const names = (Array.isArray(value) ? value : [value]).map(String);
    const known = new Set(columns.map((c) => c.toLowerCase()));
    const unknown = names.filter((n) => !known.has(n.toLowerCase()));
    if (unknown.length > 0) {
      throw new TsmodelError({
        code: 'merge-columns-unknown',
        message: `${key} of ${unique_id} names ${unknown.join(', ')}, which the model does not write`,
        node: unique_id,
        hint: `the model's columns: ${columns.join(', ')}`,
      });
    }
    const byLower = new Map(columns.map((c) => [c.toLowerCase(), c]));
    return names.map((n) => byLower.get(n.toLowerCase())!);
  };
  const updateColumns = list('merge_update_columns');
  const excludeColumns = list('merge_exclude_columns');
  if (updateColumns && excludeColumns) {
    throw new TsmodelError({
      code: 'merge-columns-both',
      message: `${unique_id} sets both merge_update_columns and merge_exclude_columns`,
      node: unique_id,
      hint: 'set one: the columns to update, or the columns to keep',
    });
  }
  return {
    ...(updateColumns ? { updateColumns } : {}),
    ...(excludeColumns ? { excludeColumns } : {}),
  };
}

function resolveStrategy(input: PlanInput): IncrementalStrategy {
  const configured = input.node.config.incremental_strategy;
  if (configured === undefined || configured === null)
    return input.dialect.defaultIncrementalStrategy(uniqueKeyOf(input));
  if (configured === 'merge' && !input.dialect.capabilities.merge) {
    throw new TsmodelError({
      code: 'unsupported-strategy',
      message: `the ${input.dialect.type} adapter does not support incremental_strategy 'merge' (${input.node.unique_id})`,
      node: input.node.unique_id,
      hint: "use incremental_strategy: 'delete+insert'",
    });
  }
  if (configured === 'insert_overwrite' && !input.dialect.insertOverwrite) {
    throw new TsmodelError({
      code: 'unsupported-strategy',
      message: `the ${input.dialect.type} adapter does not support incremental_strategy 'insert_overwrite' (${input.node.unique_id})`,
      node: input.node.unique_id,
      hint: "use incremental_strategy: 'delete+insert' or 'merge'",
    });
  }
  if ((INCREMENTAL_STRATEGIES as readonly string[]).includes(configured))
    return configured as IncrementalStrategy;
  throw new TsmodelError({
    code: 'unknown-strategy',
    // dbt's words: its strategies are macros, and dbt's adapter tests match this phrase.
    message: `unknown incremental_strategy '${configured}' for ${input.node.unique_id}: could not find an incremental strategy macro with the name "get_incremental_${configured}_sql"`,
    node: input.node.unique_id,
    hint: `use one of ${INCREMENTAL_STRATEGIES.join(', ')} (did you mean '${closest(configured, [...INCREMENTAL_STRATEGIES])}'?)`,
  });
}

function resolveOnSchemaChange(input: PlanInput): OnSchemaChange {
  const configured = input.node.config.on_schema_change ?? 'ignore';
  if ((ON_SCHEMA_CHANGE_MODES as readonly string[]).includes(configured))
    return configured as OnSchemaChange;
  throw new TsmodelError({
    code: 'unknown-on-schema-change',
    message: `unknown on_schema_change '${configured}' for ${input.node.unique_id}`,
    node: input.node.unique_id,
    hint: `use one of ${ON_SCHEMA_CHANGE_MODES.join(', ')} (did you mean '${closest(configured, [...ON_SCHEMA_CHANGE_MODES])}'?)`,
  });
}
