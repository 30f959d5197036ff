import type { Adapter } from '../adapter/adapter';
import type { Dialect } from '../adapter/dialect';
import type { Manifest, ManifestNode, RelationName } from '../manifest/types';

/** Resource types whose relation another node reads through `ref()`. */
const REFABLE = new Set(['model', 'seed', 'snapshot']);

/**
 * Where the `--state` run built a node: tsmodel's manifest keeps `relation`; dbt's keeps
 * `database`, `schema` and `alias`, so a dbt production manifest works as state too.
 */
export function stateRelation(node: unknown): RelationName | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const n = node as Partial<ManifestNode> & {
    database?: unknown;
    schema?: unknown;
    alias?: unknown;
  };
  if (n.relation?.schema && n.relation.identifier) return n.relation;
  if (typeof n.schema !== 'string' || n.schema === '') return undefined;
  const identifier = typeof n.alias === 'string' && n.alias !== '' ? n.alias : n.name;
  if (typeof identifier !== 'string' || identifier === '') return undefined;
  return {
    ...(typeof n.database === 'string' && n.database !== '' ? { database: n.database } : {}),
    schema: n.schema,
    identifier,
  };
}

/**
 * The unselected nodes whose relations the selected nodes read: their direct parents, and the
 * parents of ephemeral models they inline (an ephemeral model has no relation of its own).
 */
export function deferralCandidates(
  manifest: Manifest,
  selected: ReadonlySet<string>,
): ManifestNode[] {
  const found = new Map<string, ManifestNode>();
  const seen = new Set<string>();
  const visit = (id: string) => {
    for (const dep of manifest.nodes[id]?.depends_on.nodes ?? []) {
      const parent = manifest.nodes[dep];
      if (!parent || selected.has(dep) || seen.has(dep)) continue;
      seen.add(dep);
      if (parent.resource_type === 'model' && parent.config.materialized === 'ephemeral') {
        visit(dep);
        continue;
      }
      if (REFABLE.has(parent.resource_type) && parent.relation) found.set(dep, parent);
    }
  };
  for (const id of selected) visit(id);
  return [...found.values()];
}

/** What `--defer` decided for one unselected parent. */
export interface DeferredParent {
  uniqueId: string;
  /** The relation the selected nodes read instead of the parent's own. */
  relation: RelationName;
}

/**
 * dbt's `--defer`: an unselected parent is read from the state's relation when it has not been
 * built in this target (or always, with `--favor-state`). A parent the state does not know
 * stays as it is: reading a relation that does not exist then fails loudly.
 */
export function deferredParents(input: {
  candidates: readonly ManifestNode[];
  state: Manifest;
  favorState: boolean;
  /** Whether the parent's own relation exists in this target. */
  exists: (relation: RelationName) => boolean;
}): DeferredParent[] {
  const out: DeferredParent[] = [];
  for (const node of input.candidates) {
    const relation = stateRelation(input.state.nodes?.[node.unique_id]);
    if (!relation) continue;
    if (!input.favorState && input.exists(node.relation!)) continue;
    out.push({ uniqueId: node.unique_id, relation });
  }
  return out;
}

/**
 * Looks up which candidates exist in the target, one listing per schema, then decides
 * (`deferredParents`). The caller points the compiled project at the result (`relocate`).
 */
export async function resolveDeferral(input: {
  adapter: Adapter;
  manifest: Manifest;
  selected: ReadonlySet<string>;
  state: Manifest;
  favorState: boolean;
}): Promise<DeferredParent[]> {
  const candidates = deferralCandidates(input.manifest, input.selected);
  if (candidates.length === 0) return [];
  const existing = input.favorState
    ? new Set<string>()
    : await existingRelations(
        input.adapter,
        candidates.map((c) => c.relation!),
      );
  const dialect = input.adapter.dialect;
  return deferredParents({
    candidates,
    state: input.state,
    favorState: input.favorState,
    exists: (rel) => existing.has(qualifiedKey(dialect, rel)),
  });
}

async function existingRelations(
  adapter: Adapter,
  relations: RelationName[],
): Promise<Set<string>> {
  const conn = await adapter.connect();
  try {
    const introspector = adapter.introspector(conn);
    const schemas = new Map<string, Pick<RelationName, 'database' | 'schema'>>();
    for (const rel of relations)
      schemas.set(qualifiedKey(adapter.dialect, { ...rel, identifier: '' }), rel);
    const found = new Set<string>();
    for (const { database, schema } of schemas.values())
      for (const r of await introspector.listRelations(database, schema))
        found.add(qualifiedKey(adapter.dialect, { database, schema, identifier: r.name }));
    return found;
  } finally {
    await conn.close();
  }
}

/** A relation's identity on the engine: database, schema and name, each folded as it folds them. */
export function qualifiedKey(
  dialect: Dialect,
  rel: Pick<RelationName, 'database' | 'schema' | 'identifier'>,
): string {
  return [rel.database ?? '', rel.schema, rel.identifier]
    .map((p) => dialect.identifierKey(p))
    .join('.');
}
