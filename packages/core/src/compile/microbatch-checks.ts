import { TsmodelError } from '../diagnostics';
import type { ManifestNode } from '../manifest/types';
import { isMicrobatch, microbatchSettings } from '../materializations/microbatch-config';

/**
 * Checks every microbatch model's config at compile time (`event_time`, `batch_size`, `begin`,
 * `lookback`, `concurrent_batches`, an incremental materialization), so a typo fails
 * `compile` and `run` before any batch starts, naming the model's file.
 */
export function checkMicrobatchModels(nodes: ReadonlyMap<string, ManifestNode>): {
  problems: TsmodelError[];
  warnings: TsmodelError[];
} {
  const problems: TsmodelError[] = [];
  const warnings: TsmodelError[] = [];
  for (const node of nodes.values()) {
    if (node.resource_type !== 'model' || !isMicrobatch(node.config)) continue;
    try {
      microbatchSettings(node);
    } catch (err) {
      if (!(err instanceof TsmodelError)) throw err;
      problems.push(err);
      continue;
    }
    const key = node.config.unique_key;
    if (
      key !== undefined &&
      key !== null &&
      key !== '' &&
      !(Array.isArray(key) && key.length === 0)
    )
      warnings.push(
        new TsmodelError({
          code: 'microbatch-unique-key',
          message: `${node.unique_id} sets unique_key, which microbatch does not use: each batch replaces every row of its event_time window`,
          node: node.unique_id,
          location: { file: node.original_file_path },
          hint: "drop unique_key, or use incremental_strategy='merge' to upsert by key",
        }),
      );
  }
  return { problems, warnings };
}
