/**
 * How `tsmodel ls` prints one node, per `--output`, spelled as dbt's `ls` does so scripts
 * written for `dbt ls` keep working.
 */
import type { ManifestNode } from '@tsmodel/core';

/** dbt's `versioned_name` of a unit test: its name, with `_v<n>` for a model version's test. */
function unitTestVersionedName(node: ManifestNode): string {
  return node.version === undefined ? node.name : `${node.name}_v${node.version}`;
}

export const LS_OUTPUTS = ['selector', 'name', 'path', 'json'] as const;
export type LsOutput = (typeof LS_OUTPUTS)[number];

/** The line `ls` prints for `node`. */
export function formatLsLine(node: ManifestNode, output: LsOutput): string {
  switch (output) {
    case 'name':
      // dbt's `search_name`: sources are named `<source>.<table>`, everything else by name.
      return node.resource_type === 'source' ? `${node.source_name}.${node.name}` : node.name;
    case 'path':
      return node.original_file_path;
    case 'selector':
      // What `--select` accepts back: `source:<pkg>.<source>.<table>`,
      // `unit_test:<pkg>.<name>` (`<name>_v<n>` for a version's test, as dbt) or the dotted fqn.
      if (node.resource_type === 'source')
        return `source:${node.package_name}.${node.source_name}.${node.name}`;
      if (node.resource_type === 'unit_test')
        return `unit_test:${node.package_name}.${unitTestVersionedName(node)}`;
      return node.fqn.join('.');
    case 'json':
      return JSON.stringify({
        name: node.name,
        resource_type: node.resource_type,
        package_name: node.package_name,
        original_file_path: node.original_file_path,
        unique_id: node.unique_id,
        config: node.config,
        tags: node.tags,
        depends_on: node.depends_on,
      });
  }
}
