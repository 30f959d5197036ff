import type { Manifest } from '../manifest/types';
import { exposureParents, GRAPH_TYPES, resourceTypeOf, siteNodes } from './site-nodes';
import { GRAPH_CONFIG_KEYS, type GraphNode, type SiteGraph } from './types';

/**
 * `data/graph.json`: every node of the lineage graph (and the tests, never drawn), with the
 * fields the in-page selector reads, and the edges between them as index pairs. Macros and
 * hooks are left out, as dbt-docs leaves them out of its graph.
 */
export function buildSiteGraph(manifest: Manifest): SiteGraph {
  const nodes: GraphNode[] = [];
  const index = new Map<string, number>();
  const parentsOf = new Map<string, readonly string[]>();
  for (const entry of siteNodes(manifest)) {
    const type = resourceTypeOf(entry);
    if (!GRAPH_TYPES.has(type)) continue;
    index.set(entry.node.unique_id, nodes.length);
    if (entry.kind === 'exposure') {
      const e = entry.node;
      nodes.push({
        unique_id: e.unique_id,
        name: e.name,
        resource_type: 'exposure',
        package_name: e.package_name,
        fqn: Array.isArray(e.fqn) ? (e.fqn as string[]) : [e.package_name, e.name],
        tags: Array.isArray(e.tags) ? (e.tags as string[]) : [],
        original_file_path: e.original_file_path,
        config: {},
      });
      parentsOf.set(e.unique_id, exposureParents(e));
      continue;
    }
    if (entry.kind !== 'node') continue;
    const n = entry.node;
    const config: Record<string, unknown> = {};
    for (const key of GRAPH_CONFIG_KEYS) {
      const value = (n.config as Record<string, unknown> | undefined)?.[key];
      if (value !== undefined && value !== null) config[key] = value;
    }
    const node: GraphNode = {
      unique_id: n.unique_id,
      name: n.name,
      resource_type: n.resource_type,
      package_name: n.package_name,
      fqn: n.fqn,
      tags: [...new Set([...n.tags, ...(n.config?.tags ?? [])])],
      original_file_path: n.original_file_path,
      config,
    };
    if (n.patch_path) node.patch_path = n.patch_path;
    if (n.source_name !== undefined) node.source_name = n.source_name;
    if (n.version !== undefined) node.version = n.version;
    nodes.push(node);
    parentsOf.set(n.unique_id, manifest.parent_map[n.unique_id] ?? n.depends_on?.nodes ?? []);
  }
  const edges: number[] = [];
  for (const [child, parents] of parentsOf) {
    const c = index.get(child)!;
    for (const parent of new Set(parents)) {
      const p = index.get(parent);
      if (p !== undefined) edges.push(p, c);
    }
  }
  return { nodes, edges };
}
