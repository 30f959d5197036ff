import { readCsvHeader } from '../adapter/csv-table';
import type { CatalogArtifact } from '../catalog/catalog-artifact';
import type { Manifest } from '../manifest/types';
import { seedDelimiter } from '../materializations/seed';

/**
 * The columns each node is known to have, for expanding `select *` over it: the warehouse's
 * catalog (catalog.json) first, as it holds what is really there; else, for seeds, the CSV
 * header, which is exactly the columns a seed loads. Documented YAML columns are never used:
 * they may list only some columns, and a star expanded from them would be a guess.
 */
export function knownColumns(
  manifest: Manifest,
  catalog?: Pick<CatalogArtifact, 'nodes' | 'sources'>,
): Map<string, string[]> {
  const known = new Map<string, string[]>();
  for (const table of [
    ...Object.values(catalog?.nodes ?? {}),
    ...Object.values(catalog?.sources ?? {}),
  ]) {
    const columns = Object.values(table.columns)
      .sort((a, b) => a.index - b.index)
      .map((c) => c.name);
    if (columns.length > 0) known.set(table.unique_id, columns);
  }
  for (const node of Object.values(manifest.nodes)) {
    if (node.resource_type !== 'seed' || !node.seed_file || known.has(node.unique_id)) continue;
    const header = seedHeader(node.seed_file, node);
    if (header) known.set(node.unique_id, header);
  }
  return known;
}

/** A seed's header, or undefined when the file cannot be read (`seed` reports that itself). */
function seedHeader(file: string, node: Manifest['nodes'][string]): string[] | undefined {
  try {
    return readCsvHeader(
      file,
      seedDelimiter({ config: node.config, unique_id: node.unique_id, seedFile: file }),
    );
  } catch {
    return undefined;
  }
}
