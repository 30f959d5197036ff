import { TsmodelError, type SourceLocation } from '../diagnostics';
import type { TimeSpine } from '../manifest/types';
import type { ColumnEntry, TimeSpineEntry } from './schema';

type YamlPath = PropertyKey[];

/** Where a problem is written in the YAML file: its location and line. */
export type Locate = (path: YamlPath) => { location: SourceLocation; excerpt?: string };

/**
 * dbt 1.9's checks of a model's `time_spine:` against the model's YAML columns (a versioned
 * model's: its latest version's): the standard granularity column must be one of them and
 * declare its `granularity`, and each custom granularity's column (`column_name`, else its
 * `name`) must be one of them. MetricFlow would otherwise read a column that is not there.
 */
export function checkTimeSpine(
  modelName: string,
  spine: TimeSpineEntry,
  columns: readonly ColumnEntry[],
  /** Path of the `time_spine:` mapping. */
  path: YamlPath,
  locate: Locate,
): { timeSpine?: TimeSpine; problems: TsmodelError[] } {
  const problems: TsmodelError[] = [];
  const byName = new Map(columns.map((c) => [c.name, c]));
  const names = columns.length > 0 ? columns.map((c) => c.name).join(', ') : 'none';
  const problem = (at: YamlPath, message: string, hint: string) =>
    problems.push(new TsmodelError({ code: 'time-spine', message, hint, ...locate(at) }));

  const standard = spine.standard_granularity_column;
  const column = byName.get(standard);
  if (!column)
    problem(
      [...path, 'standard_granularity_column'],
      `time_spine of model '${modelName}': standard_granularity_column '${standard}' is not one of the model's columns (${names})`,
      `add '${standard}' under the model's columns: with its granularity (e.g. granularity: day), or name one of its columns`,
    );
  else if (column.granularity === undefined)
    problem(
      [...path, 'standard_granularity_column'],
      `time_spine of model '${modelName}': its standard granularity column '${standard}' has no granularity`,
      `give column '${standard}' its grain: granularity: day (or hour, week, …; finer grains down to nanosecond)`,
    );
  for (const [i, custom] of (spine.custom_granularities ?? []).entries()) {
    const name = custom.column_name ?? custom.name;
    if (!byName.has(name))
      problem(
        [...path, 'custom_granularities', i],
        `time_spine of model '${modelName}': custom granularity '${custom.name}' reads column '${name}', which is not one of the model's columns (${names})`,
        custom.column_name === undefined
          ? `add a column '${name}' to the model's columns:, or set column_name: to the column that holds it`
          : `add a column '${name}' to the model's columns:, or fix column_name:`,
      );
  }
  if (problems.length > 0) return { problems };
  return {
    timeSpine: {
      standard_granularity_column: standard,
      custom_granularities: (spine.custom_granularities ?? []).map((c) => ({
        name: c.name,
        column_name: c.column_name ?? null,
      })),
    },
    problems,
  };
}
