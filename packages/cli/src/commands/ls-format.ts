/**
 * How `tsmodel ls` prints one node, per `--output`, spelled as dbt's `ls` does so scripts
 * written for `dbt ls` keep working.
 */
import type { ManifestNode } from '@tsmodel/core';

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
      // What `--select` accepts back: `source:<pkg>.<source>.<table>` or the dotted fqn.
      return node.resource_type === 'source'
        ? `source:${node.package_name}.${node.source_name}.${node.name}`
        : node.fqn.join('.');
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
