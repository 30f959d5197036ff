import type { Manifest, ManifestNode } from './types';

/**
 * dbt's `empty` node: a model whose file holds nothing but whitespace. dbt keeps it in the
 * manifest but never selects or runs it (`_is_graph_member`); so does tsmodel, with a compile
 * warning. A model that renders to no SQL in another way (comments only, an `{% if %}` that
 * renders nothing) is not blank: it is selected, and fails when it runs.
 */
export function isBlankModel(node: ManifestNode): boolean {
  return node.resource_type === 'model' && node.raw_code?.trim() === '';
}

/**
 * Whether selection may return `id`: not a blank model, nor a generic test attached to one
 * (its relation is never built, so the test would read a missing or stale relation).
 */
export function isGraphMember(manifest: Manifest, id: string): boolean {
  const node = manifest.nodes[id];
  if (!node) return true;
  if (isBlankModel(node)) return false;
  const attached =
    node.attached_node === undefined ? undefined : manifest.nodes[node.attached_node];
  return !(attached && isBlankModel(attached));
}
