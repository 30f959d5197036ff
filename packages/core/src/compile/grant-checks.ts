import type { Dialect } from '../adapter/dialect';
import { TsmodelError } from '../diagnostics';
import type { ManifestNode } from '../manifest/types';
import { grantsConfig, grantsSkipped } from '../materializations/grants';

/** The resources dbt applies `grants` to: models (not ephemeral), seeds and snapshots. */
function isGranted(node: ManifestNode): boolean {
  if (node.resource_type === 'seed' || node.resource_type === 'snapshot') return true;
  return node.resource_type === 'model' && node.config.materialized !== 'ephemeral';
}

/**
 * Checks every `grants` config at compile time (a mapping of privileges to grantee lists), so a
 * typo fails before anything is built, naming the node's file; and where the engine has no
 * grants (DuckDB), says once that they are not applied — dbt-duckdb warns the same, once.
 */
export function checkGrants(
  nodes: ReadonlyMap<string, ManifestNode>,
  dialect: Dialect | undefined,
): { problems: TsmodelError[]; warnings: TsmodelError[] } {
  const problems: TsmodelError[] = [];
  const skipped: ManifestNode[] = [];
  for (const node of nodes.values()) {
    if (!isGranted(node)) continue;
    try {
      grantsConfig(node.config.grants, node.unique_id);
    } catch (err) {
      if (!(err instanceof TsmodelError)) throw err;
      problems.push(
        new TsmodelError({
          code: err.code,
          message: err.message,
          node: node.unique_id,
          location: { file: node.original_file_path },
          ...(err.hint !== undefined ? { hint: err.hint } : {}),
        }),
      );
      continue;
    }
    if (dialect && grantsSkipped(node.config, dialect)) skipped.push(node);
  }
  const warnings =
    skipped.length === 0
      ? []
      : [
          new TsmodelError({
            code: 'grants-not-applied',
            message: `grants are not applied on ${dialect!.type}: ${skipped.length} node${skipped.length === 1 ? '' : 's'} set them (${skipped
              .slice(0, 3)
              .map((n) => n.unique_id)
              .join(', ')}${skipped.length > 3 ? ', …' : ''})`,
            hint:
              dialect!.type === 'duckdb'
                ? 'DuckDB has no GRANT; set grants only for the targets that apply them'
                : `tsmodel does not apply grants on ${dialect!.type} yet`,
          }),
        ];
  return { problems, warnings };
}
