import type { Adapter } from '../adapter/adapter';
import type { CompileResult } from '../compile/compile-project';
import type { Manifest, RelationName } from '../manifest/types';
import { shouldFullRefresh } from '../materializations/full-refresh';
import { RunCatalog } from './run-catalog';
import { runRenders } from './run-renders';

/** What `compile --introspect` rendered differently from the offline compile. */
export interface IntrospectedCompile {
  /** Incremental models whose table exists: compiled with `is_incremental()` true. */
  incremental: string[];
  /** Nodes whose templates read `execute` or the warehouse: rendered against it. */
  introspective: string[];
}

/**
 * `compile --introspect`: renders what depends on the warehouse the way `run` will. It asks
 * which incremental models already exist as tables and re-renders those with their incremental
 * SQL, and renders introspective nodes (`dbt_utils.star`, `run_query`, …) with `execute = true`
 * against the live warehouse — which runs the statements those templates send, as dbt's
 * compile does. Without the flag `compile` stays offline and shows their parse-time SQL.
 */
export async function compileAgainstWarehouse(
  compiled: Pick<
    CompileResult,
    'manifest' | 'renderForRun' | 'introspective' | 'logging' | 'renderAdHoc'
  >,
  adapter: Adapter,
  options: { fullRefresh: boolean },
): Promise<IntrospectedCompile> {
  const manifest = compiled.manifest;
  const incremental = incrementalCandidates(manifest, options.fullRefresh);
  const introspective = [...compiled.introspective].filter((id) => manifest.nodes[id]);
  const out: IntrospectedCompile = { incremental: [], introspective: [] };
  if (incremental.length === 0 && introspective.length === 0) return out;
  const conn = await adapter.connect();
  try {
    const introspector = adapter.introspector(conn);
    const fold = (name: string) => adapter.dialect.foldIdentifier(name);
    const tables = new Map<string, Set<string>>();
    const key = (rel: RelationName) => `${rel.database ?? ''}\u0000${rel.schema}`;
    for (const node of incremental) {
      const rel = node.relation!;
      if (tables.has(key(rel))) continue;
      const listed = await introspector.listRelations(rel.database, rel.schema);
      tables.set(
        key(rel),
        new Set(listed.filter((r) => r.kind === 'table').map((r) => fold(r.name))),
      );
    }
    const renders = runRenders(compiled, new RunCatalog(adapter));
    for (const node of incremental) {
      const rel = node.relation!;
      if (!tables.get(key(rel))!.has(fold(rel.identifier))) continue;
      node.compiled_code = await renders.nodeSql(conn, node, true);
      out.incremental.push(node.unique_id);
    }
    for (const id of introspective) {
      if (out.incremental.includes(id)) continue;
      const node = manifest.nodes[id]!;
      node.compiled_code = await renders.nodeSql(conn, node, false);
      out.introspective.push(id);
    }
    return out;
  } finally {
    await conn.close();
  }
}

function incrementalCandidates(manifest: Manifest, fullRefresh: boolean) {
  return Object.values(manifest.nodes).filter(
    (n) =>
      n.resource_type === 'model' &&
      n.config.materialized === 'incremental' &&
      n.relation !== undefined &&
      !shouldFullRefresh(fullRefresh, n.config.full_refresh),
  );
}
