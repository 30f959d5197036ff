import type { Adapter } from '../adapter/adapter';
import type { Manifest, RelationName } from '../manifest/types';
import { shouldFullRefresh } from '../materializations/full-refresh';

/**
 * `compile --introspect`: decides `is_incremental()` the way `run` will, by asking the
 * warehouse which incremental models already exist as tables, and re-renders those with their
 * incremental SQL. Read-only: it lists relations, never creates or drops anything. Without the
 * flag `compile` stays offline and shows full-build SQL.
 *
 * Returns the unique ids whose compiled SQL changed to the incremental variant.
 */
export async function applyIncrementalState(
  manifest: Manifest,
  finalize: (uniqueId: string, options?: { isIncremental: boolean }) => string,
  adapter: Adapter,
  options: { fullRefresh: boolean },
): Promise<string[]> {
  const incremental = Object.values(manifest.nodes).filter(
    (n) =>
      n.resource_type === 'model' &&
      n.config.materialized === 'incremental' &&
      n.relation !== undefined &&
      !shouldFullRefresh(options.fullRefresh, n.config.full_refresh),
  );
  if (incremental.length === 0) return [];
  const conn = await adapter.connect();
  try {
    const introspector = adapter.introspector(conn);
    const bySchema = new Map<string, { database?: string; schema: string; tables: Set<string> }>();
    const key = (rel: RelationName) => `${rel.database ?? ''}\u0000${rel.schema}`;
    for (const node of incremental) {
      const rel = node.relation!;
      if (!bySchema.has(key(rel))) {
        const listed = await introspector.listRelations(rel.database, rel.schema);
        const tables = new Set(
          listed
            .filter((r) => r.kind === 'table')
            .map((r) => adapter.dialect.foldIdentifier(r.name)),
        );
        bySchema.set(key(rel), { database: rel.database, schema: rel.schema, tables });
      }
    }
    const changed: string[] = [];
    for (const node of incremental) {
      const rel = node.relation!;
      if (!bySchema.get(key(rel))!.tables.has(adapter.dialect.foldIdentifier(rel.identifier)))
        continue;
      node.compiled_code = finalize(node.unique_id, { isIncremental: true });
      changed.push(node.unique_id);
    }
    return changed;
  } finally {
    await conn.close();
  }
}
