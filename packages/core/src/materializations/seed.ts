import type { CsvSource } from '../adapter/dialect';
import { shouldFullRefresh } from './full-refresh';
import { step, type PlanInput, type Step } from './step';

export interface SeedPlanInput extends Omit<PlanInput, 'node'> {
  node: Omit<PlanInput['node'], 'sql'> & {
    /** Absolute path of the CSV (`ManifestNode.seed_file`). */
    seedFile: string;
  };
}

/** The seed's CSV as the dialect reads it: `column_types` and `delimiter` come from config. */
export function seedCsv(input: SeedPlanInput): CsvSource {
  const { config } = input.node;
  return {
    path: input.node.seedFile,
    columnTypes: (config.column_types as Record<string, string> | undefined) ?? {},
    delimiter: typeof config.delimiter === 'string' ? config.delimiter : ',',
  };
}

/**
 * dbt's seed semantics through the engine's own CSV reader (rows never pass through Node):
 * first load or `--full-refresh` drops and re-creates the table from the file (so type changes
 * apply); a reload keeps the table and its grants, truncating then inserting. All steps share
 * one transaction where DDL is transactional, so a bad file leaves the old rows in place.
 */
export function planSeed(input: SeedPlanInput): Step[] {
  const { node, existing, flags, dialect } = input;
  const target = node.relation;
  const tx = dialect.capabilities.transactionalDdl;
  const source = `select * from ${dialect.readCsv(seedCsv(input))}`;
  const rebuild =
    !existing ||
    existing.kind === 'view' ||
    shouldFullRefresh(flags.fullRefresh, node.config.full_refresh);
  if (rebuild) {
    return [
      ...(existing
        ? [
            step(
              'drop',
              `drop old ${existing.kind}`,
              dialect.dropRelation(existing.kind, target, true),
              tx,
            ),
          ]
        : []),
      step('create', 'create seed table', dialect.createTableAs(target, source), tx),
    ];
  }
  return [
    step('truncate', 'truncate seed table', dialect.truncate(target), tx),
    step(
      'insert',
      'load seed rows',
      `insert into ${dialect.renderRelation(target)}\n${source}`,
      true,
    ),
  ];
}
