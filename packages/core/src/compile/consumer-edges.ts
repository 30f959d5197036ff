import { TsmodelError } from '../diagnostics';
import { Graph } from '../graph/graph';
import type { ManifestNode } from '../manifest/types';
import type { DependencyResolver } from './dependency-resolver';

/** Config key: `after_consumers_of: ['events_staged']` (model names, resolved like `ref`). */
export const AFTER_CONSUMERS_OF = 'after_consumers_of';

/**
 * Adds "run after every reader of X" edges. A node that clears or advances X's state — a
 * staged-table "complete" step in the Snowplow models — must wait for every model that reads
 * X, including users' own models the package cannot name. With
 * `config(after_consumers_of=['events_staged'])` the node depends on every other node that
 * refs `events_staged`, except its own descendants (that would close a cycle). The added
 * parents go into `depends_on`, so the manifest, selection and scheduling all see them.
 * Nodes are processed in a stable order against the graph as it grows, so two such nodes
 * never wait for each other in a cycle.
 */
export function addConsumerEdges(
  nodes: ReadonlyMap<string, ManifestNode>,
  resolver: DependencyResolver,
  problems: TsmodelError[],
): void {
  const waiting = [...nodes.values()].filter((n) => consumersOf(n).length > 0);
  if (waiting.length === 0) return;
  const graph = new Graph();
  for (const node of nodes.values()) {
    graph.addNode(node.unique_id);
    for (const dep of node.depends_on.nodes) if (nodes.has(dep)) graph.addEdge(dep, node.unique_id);
  }
  for (const node of waiting.sort((a, b) => a.unique_id.localeCompare(b.unique_id))) {
    const deps = new Set(node.depends_on.nodes);
    for (const name of consumersOf(node)) {
      const hit = resolver.resolveRef(node, { name });
      if (hit instanceof TsmodelError) {
        problems.push(hit);
        continue;
      }
      const below = graph.descendants([node.unique_id]);
      for (const reader of graph.children(hit.unique_id)) {
        if (reader === node.unique_id || below.has(reader) || deps.has(reader)) continue;
        deps.add(reader);
        graph.addEdge(reader, node.unique_id);
      }
    }
    node.depends_on = { ...node.depends_on, nodes: [...deps] };
  }
}

function consumersOf(node: ManifestNode): string[] {
  const value = node.config[AFTER_CONSUMERS_OF];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
