/**
 * The nodes the docs site has pages for, read uniformly from a manifest: runnable nodes,
 * sources, macros and exposures each keep a different shape in the manifest.
 */
import type { Manifest, ManifestNode, MacroEntry, PropertiesEntry } from '../manifest/types';

/** Resource types drawn in the lineage graph; tests and macros have pages only (as in dbt-docs). */
export const DRAWN_TYPES = new Set(['model', 'seed', 'snapshot', 'source', 'exposure', 'analysis']);

/**
 * Resource types in the graph file: the drawn ones and tests, which are never drawn but take
 * part in graph operators as on the command line (`@orders` reaches `customers` through a
 * relationships test between them).
 */
export const GRAPH_TYPES = new Set([...DRAWN_TYPES, 'test']);

/** Resource types with pages; operations (hooks) have none. */
const PAGE_TYPES = new Set([...GRAPH_TYPES, 'macro']);

/** A node of any kind, as the site reads it. */
export type AnyNode =
  | { kind: 'node'; node: ManifestNode }
  | { kind: 'macro'; node: MacroEntry }
  | { kind: 'exposure'; node: PropertiesEntry };

/** Every node that gets a page, in a stable order (by unique id). */
export function siteNodes(manifest: Manifest): AnyNode[] {
  const out: AnyNode[] = [];
  for (const node of [...Object.values(manifest.nodes), ...Object.values(manifest.sources)])
    if (PAGE_TYPES.has(node.resource_type)) out.push({ kind: 'node', node });
  for (const node of Object.values(manifest.macros)) out.push({ kind: 'macro', node });
  for (const node of Object.values(manifest.exposures ?? {})) out.push({ kind: 'exposure', node });
  return out.sort((a, b) => (a.node.unique_id < b.node.unique_id ? -1 : 1));
}

/** The resource type of a site node. */
export function resourceTypeOf(entry: AnyNode): string {
  if (entry.kind === 'macro') return 'macro';
  if (entry.kind === 'exposure') return 'exposure';
  return entry.node.resource_type;
}

/** The description of a site node, '' when it has none. */
export function descriptionOf(entry: AnyNode): string {
  const d = (entry.node as { description?: unknown }).description;
  return typeof d === 'string' ? d : '';
}

/** The unique ids an exposure depends on (its `ref()`s and `source()`s as compiled). */
export function exposureParents(exposure: PropertiesEntry): string[] {
  const dependsOn = exposure.depends_on as { nodes?: unknown } | undefined;
  return Array.isArray(dependsOn?.nodes)
    ? dependsOn.nodes.filter((n): n is string => typeof n === 'string')
    : [];
}
