import type { CatalogRelation } from '../adapter/introspector';
import type { Manifest, ManifestNode, RelationName } from '../manifest/types';
import { distinctSchemas } from '../run/relation-cache';
import { catalogTable, type CatalogTable } from './catalog-artifact';

/** A schema the catalog reads, as the nodes name it. */
export type CatalogSchema = Pick<RelationName, 'database' | 'schema'>;

/** What `describeSchema` returned per schema, looked up by the nodes' own schema names. */
export type DescribedSchemas = ReadonlyMap<string, readonly CatalogRelation[]>;

export function catalogSchemaKey(ref: CatalogSchema): string {
  return `${ref.database ?? ''}\u0000${ref.schema}`;
}

/** Resource types that are relations in the warehouse (dbt's `is_relational`), ephemeral models aside. */
const RELATIONAL = new Set(['model', 'seed', 'snapshot']);

/**
 * The nodes a catalog describes: models that are not ephemeral, seeds, snapshots and sources
 * (dbt's catalogable nodes), limited to `selected` when a selection was given.
 */
export function catalogableNodes(
  manifest: Manifest,
  selected?: ReadonlySet<string>,
): ManifestNode[] {
  const nodes = Object.values(manifest.nodes).filter(
    (n) => RELATIONAL.has(n.resource_type) && n.config.materialized !== 'ephemeral',
  );
  return [...nodes, ...Object.values(manifest.sources)].filter(
    (n) => n.relation !== undefined && (selected === undefined || selected.has(n.unique_id)),
  );
}

/** The distinct schemas of `nodes`, in first-seen order: one `describeSchema` each. */
export function catalogSchemas(nodes: readonly ManifestNode[]): CatalogSchema[] {
  return distinctSchemas(nodes.map((n) => n.relation!));
}

/**
 * The relation of `rel` among its schema's: by its exact name, else ignoring case as dbt's
 * catalog matches (a bare name Snowflake stores upper-cased, a Postgres name folded).
 */
function find(relations: readonly CatalogRelation[], identifier: string) {
  const lower = identifier.toLowerCase();
  return (
    relations.find((r) => r.name === identifier) ??
    relations.find((r) => r.name.toLowerCase() === lower)
  );
}

/**
 * Each node's catalog entry, split into nodes and sources as catalog.json keeps them. A node
 * whose relation is not in the warehouse (never built, a source not loaded yet) is absent, as
 * in dbt; two nodes on one relation (a source over a model's table) both get it.
 */
export function catalogEntries(
  nodes: readonly ManifestNode[],
  described: DescribedSchemas,
): { nodes: Record<string, CatalogTable>; sources: Record<string, CatalogTable> } {
  const out = {
    nodes: {} as Record<string, CatalogTable>,
    sources: {} as Record<string, CatalogTable>,
  };
  const sorted = [...nodes].sort((a, b) => (a.unique_id < b.unique_id ? -1 : 1));
  for (const node of sorted) {
    const rel = node.relation!;
    const found = find(described.get(catalogSchemaKey(rel)) ?? [], rel.identifier);
    if (!found) continue;
    const section = node.resource_type === 'source' ? out.sources : out.nodes;
    section[node.unique_id] = catalogTable(node.unique_id, found);
  }
  return out;
}
