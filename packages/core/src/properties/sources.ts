import { createHash } from 'node:crypto';
import type { ManifestNode, NodeConfig } from '../manifest/types';
import { buildColumns } from './columns';
import { tagList, type SourceEntry, type SourceTableEntry } from './schema';

type Freshness = Record<string, unknown> | null | undefined;

/**
 * One source table as a manifest node. Table settings override the source's, as in dbt: the
 * schema defaults to the source name and the identifier to the table name; tags add up; meta,
 * quoting and freshness merge key by key; `freshness: null` on a table switches it off.
 */
export function buildSourceNode(
  source: SourceEntry,
  table: SourceTableEntry,
  packageName: string,
  path: string,
  folders: string[],
): ManifestNode {
  const tags = [
    ...new Set([
      ...tagList(source.tags),
      ...configTags(source.config),
      ...tagList(table.tags),
      ...configTags(table.config),
    ]),
  ];
  const meta = {
    ...source.meta,
    ...(source.config?.meta as Record<string, unknown> | undefined),
    ...table.meta,
    ...(table.config?.meta as Record<string, unknown> | undefined),
  };
  const quoting = { ...source.quoting, ...table.quoting };
  const config: NodeConfig = {
    ...source.config,
    ...table.config,
    enabled: (table.config?.enabled ?? source.config?.enabled ?? true) !== false,
    /** Sources are read, never built; `source` keeps them out of `config.materialized:` selections. */
    materialized: 'source',
    tags,
    meta,
    pre_hook: [],
    post_hook: [],
    ...(Object.keys(quoting).length > 0 ? { quoting } : {}),
  };
  const identifier = table.identifier ?? table.name;
  // The table's own `loaded_at_field` / `loaded_at_query` win over the source's, as a pair.
  const levelOf = (entry: SourceEntry | SourceTableEntry) => ({
    field: stringIn(entry.config, 'loaded_at_field') ?? entry.loaded_at_field,
    query: stringIn(entry.config, 'loaded_at_query'),
  });
  const own = levelOf(table);
  const loadedAt = own.field !== undefined || own.query !== undefined ? own : levelOf(source);
  const loadedAtField = loadedAt.field;
  const freshness = mergeFreshness(freshnessOf(source), freshnessOf(table));
  return {
    unique_id: `source.${packageName}.${source.name}.${table.name}`,
    resource_type: 'source',
    name: table.name,
    package_name: packageName,
    path,
    original_file_path: path,
    fqn: [packageName, ...folders, source.name, table.name],
    config,
    tags,
    description: table.description ?? '',
    source_description: source.description ?? '',
    columns: buildColumns(table.columns),
    depends_on: { nodes: [], macros: [] },
    relation: {
      ...(source.database !== undefined ? { database: source.database } : {}),
      schema: source.schema ?? source.name,
      identifier,
    },
    checksum: createHash('sha256')
      .update(JSON.stringify({ source: { ...source, tables: undefined }, table }))
      .digest('hex'),
    source_name: source.name,
    identifier,
    ...(loadedAtField !== undefined ? { loaded_at_field: loadedAtField } : {}),
    ...(loadedAt.query !== undefined ? { loaded_at_query: loadedAt.query } : {}),
    ...(freshness ? { freshness } : {}),
  };
}

/** dbt 1.9+ also takes `freshness` and `loaded_at_field` under `config:`, which wins. */
function freshnessOf(entry: SourceEntry | SourceTableEntry): Freshness {
  const configured = entry.config?.freshness;
  if (configured === null || isPlainObject(configured)) return configured;
  return entry.freshness;
}

function stringIn(config: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = config?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** dbt's `merge_freshness`: key by key, one level deeper for `warn_after`/`error_after`. */
function mergeFreshness(base: Freshness, update: Freshness): Record<string, unknown> | undefined {
  if (update === null) return undefined;
  if (!base) return update ?? undefined;
  if (!update) return base;
  const merged: Record<string, unknown> = { ...base, ...update };
  for (const key of ['warn_after', 'error_after']) {
    const a = base[key];
    const b = update[key];
    if (isPlainObject(a) && isPlainObject(b)) merged[key] = { ...a, ...b };
  }
  return merged;
}

function configTags(config: Record<string, unknown> | undefined): string[] {
  const tags = config?.tags;
  if (typeof tags === 'string') return [tags];
  return Array.isArray(tags) ? tags.map(String) : [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
