import type { Manifest, ManifestNode, RelationName } from './types';

/**
 * dbt's `graph` context variable: the project's resources as plain dicts, keyed by unique id,
 * in the shape dbt gives packages (dbt-project-evaluator, dbt_artifacts, elementary and many
 * project macros walk it). dbt builds it from the parsed manifest with every field present
 * (`None` where unset) and without compiled SQL; so is this.
 */
export interface FlatGraph {
  nodes: Record<string, Record<string, unknown>>;
  sources: Record<string, Record<string, unknown>>;
  exposures: Record<string, unknown>;
  metrics: Record<string, unknown>;
  groups: Record<string, unknown>;
  semantic_models: Record<string, unknown>;
  saved_queries: Record<string, unknown>;
}

/**
 * What `graph` is while parsing, where dbt has not built it yet: every collection empty. A
 * template that reads it is rendered again at run time with the whole graph (it counts as
 * introspective, like one that reads `execute`).
 */
export function emptyFlatGraph(): FlatGraph {
  return {
    nodes: {},
    sources: {},
    exposures: {},
    metrics: {},
    groups: {},
    semantic_models: {},
    saved_queries: {},
  };
}

/**
 * The flat graph of a compiled manifest. A deep copy: a template that changes a dict
 * (`{% do node.config.update(…) %}`) changes what later templates of the run see, as in dbt,
 * never the manifest tsmodel builds from.
 */
export function flatGraph(
  manifest: Manifest,
  renderRelation: (rel: RelationName) => string,
): FlatGraph {
  const nodes: FlatGraph['nodes'] = {};
  for (const [id, node] of Object.entries(manifest.nodes))
    nodes[id] = dbtNodeDict(node, manifest, renderRelation);
  const sources: FlatGraph['sources'] = {};
  for (const [id, node] of Object.entries(manifest.sources))
    sources[id] = dbtSourceDict(node, renderRelation);
  return structuredClone({
    nodes,
    sources,
    exposures: manifest.exposures ?? {},
    metrics: manifest.metrics ?? {},
    groups: manifest.groups ?? {},
    semantic_models: manifest.semantic_models ?? {},
    saved_queries: manifest.saved_queries ?? {},
  });
}

/** A runnable node (model, seed, snapshot, test, analysis) as dbt's `to_dict(omit_none=False)`. */
function dbtNodeDict(
  node: ManifestNode,
  manifest: Manifest,
  renderRelation: (rel: RelationName) => string,
): Record<string, unknown> {
  const {
    compiled_code: _compiled,
    compiled_path: _path,
    relation,
    seed_file: _seed,
    ...kept
  } = node;
  const config = node.config;
  const contract = (config.contract as Record<string, unknown> | undefined) ?? {};
  const parents = node.depends_on.nodes;
  const isModel = node.resource_type === 'model';
  return {
    ...kept,
    database: relation?.database ?? null,
    schema: relation?.schema ?? null,
    alias: relation?.identifier ?? node.name,
    relation_name:
      relation && node.config.materialized !== 'ephemeral' && node.resource_type !== 'test'
        ? renderRelation(relation)
        : null,
    checksum: { name: 'sha256', checksum: node.checksum },
    config: dbtConfig(node),
    meta: config.meta ?? {},
    docs: (config.docs as unknown) ?? { show: true, node_color: null },
    language: 'sql',
    raw_code: node.raw_code ?? '',
    columns: dbtColumns(node),
    refs: parents
      .map((id) => manifest.nodes[id])
      .filter((p): p is ManifestNode => p !== undefined && p.resource_type !== 'source')
      .map((p) => ({ name: p.name, package: null, version: p.version ?? null })),
    sources: parents
      .map((id) => manifest.sources[id])
      .filter((s): s is ManifestNode => s !== undefined)
      .map((s) => [s.source_name ?? '', s.name]),
    metrics: [],
    patch_path: node.patch_path ?? null,
    build_path: null,
    unrendered_config: {},
    group: node.group ?? null,
    access: node.access ?? (isModel ? 'protected' : null),
    version: node.version ?? null,
    latest_version: node.latest_version ?? null,
    deprecation_date: node.deprecation_date ?? null,
    ...(isModel ? { time_spine: node.time_spine ?? null } : {}),
    constraints: node.constraints ?? [],
    contract: {
      enforced: contract.enforced === true,
      alias_types: contract.alias_types !== false,
      checksum: null,
    },
    ...(isModel ? { primary_key: [] } : {}),
    ...(node.resource_type === 'test'
      ? {
          test_metadata: node.test_metadata ?? null,
          column_name: node.column_name ?? null,
          attached_node: node.attached_node ?? null,
          file_key_name: null,
        }
      : {}),
  };
}

/** A source table as dbt's dict. */
function dbtSourceDict(
  node: ManifestNode,
  renderRelation: (rel: RelationName) => string,
): Record<string, unknown> {
  const { relation, ...kept } = node;
  return {
    ...kept,
    database: relation?.database ?? null,
    schema: relation?.schema ?? null,
    identifier: relation?.identifier ?? node.identifier ?? node.name,
    relation_name: relation ? renderRelation(relation) : null,
    // dbt 1.10 keeps a source's freshness in its config too; None when there is none.
    config: { ...dbtConfig(node), freshness: node.freshness ?? null },
    meta: node.config.meta ?? {},
    source_meta: {},
    columns: dbtColumns(node),
    loader: (node as { loader?: string }).loader ?? '',
    loaded_at_field: node.loaded_at_field ?? null,
    freshness: dbtFreshness(node.freshness),
    external: null,
    quoting: relation?.quoting ?? {},
    patch_path: node.patch_path ?? null,
    unrendered_config: {},
  };
}

/** A source's freshness as dbt keeps it: both thresholds present, `count`/`period` null when unset. */
function dbtFreshness(freshness: unknown): Record<string, unknown> {
  const given = (freshness ?? {}) as Record<string, unknown>;
  const threshold = (t: unknown) => ({ count: null, period: null, ...(t as object | null) });
  return {
    ...given,
    warn_after: threshold(given.warn_after),
    error_after: threshold(given.error_after),
    filter: given.filter ?? null,
  };
}

/** The config as dbt prints it: hooks as `{sql, transaction, index}` under dbt's dashed keys. */
function dbtConfig(node: ManifestNode): Record<string, unknown> {
  const { pre_hook, post_hook, ...rest } = node.config;
  const hooks = (list: unknown[] | undefined) =>
    (list ?? []).map((sql) =>
      typeof sql === 'string' ? { sql, transaction: true, index: null } : sql,
    );
  return {
    ...(node.resource_type === 'model' ? { on_schema_change: 'ignore' } : {}),
    persist_docs: {},
    quoting: {},
    column_types: {},
    full_refresh: null,
    unique_key: null,
    grants: {},
    packages: [],
    docs: { show: true, node_color: null },
    contract: { enforced: false, alias_types: true },
    ...rest,
    'pre-hook': hooks(pre_hook),
    'post-hook': hooks(post_hook),
  };
}

function dbtColumns(node: ManifestNode): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [name, c] of Object.entries(node.columns))
    columns[name] = {
      data_type: null,
      constraints: [],
      quote: null,
      granularity: null,
      ...c,
    };
  return columns;
}
