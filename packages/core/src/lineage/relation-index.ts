import type { ManifestNode } from '../manifest/types';
import type { Identifier } from './sql-ast';

/** Nodes whose relation a compiled query can name: everything that builds or is a table. */
const RELATION_TYPES = new Set(['model', 'seed', 'snapshot', 'source']);

/**
 * Maps the table names of compiled SQL back to nodes. `ref()` and `source()` render a node's
 * relation in full — `"db"."schema"."table"` on DuckDB and Snowflake, `"schema"."table"` where
 * the adapter leaves the database out — so a name is matched on every part it has, without
 * regard to case (an unquoted name folds; the catalog keeps the case the engine stores).
 * One-part names are never matched: they resolve through the warehouse's search path, which
 * compiled SQL does not know.
 */
export class RelationIndex {
  private readonly byKey = new Map<string, string[]>();

  constructor(nodes: Iterable<ManifestNode>) {
    for (const node of nodes) {
      if (!RELATION_TYPES.has(node.resource_type) || !node.relation) continue;
      if (node.resource_type === 'model' && node.config.materialized === 'ephemeral') continue;
      const { database, schema, identifier } = node.relation;
      this.add([schema, identifier], node.unique_id);
      if (database) this.add([database, schema, identifier], node.unique_id);
    }
  }

  private add(parts: string[], id: string): void {
    const key = keyOf(parts);
    const ids = this.byKey.get(key) ?? [];
    if (!ids.includes(id)) ids.push(id);
    this.byKey.set(key, ids);
  }

  /** The one node whose relation is `parts`, or undefined when none (or several) match. */
  find(parts: readonly Identifier[]): string | undefined {
    if (parts.length < 2) return undefined;
    const ids = this.byKey.get(keyOf(parts.map((p) => p.name)));
    return ids?.length === 1 ? ids[0] : undefined;
  }
}

function keyOf(parts: readonly string[]): string {
  return parts.map((p) => p.toLowerCase()).join('\u0000');
}
