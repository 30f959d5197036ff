import type { SourceLocation } from '../diagnostics';
import { buildColumns } from './columns';
import { tagList, type MacroEntryProps, type NodeEntry } from './schema';
import type { NodePatch } from './types';

/** Identifies a patch: `model.shop.orders`. */
export function patchKey(resourceType: string, packageName: string, name: string): string {
  return `${resourceType}.${packageName}.${name}`;
}

/**
 * The docs and config a `models:`/`seeds:`/`snapshots:` entry adds to its node. Legacy
 * top-level `meta` and `tags` are folded into `config` (dbt 1.10 moved them there).
 */
export function buildNodePatch(
  resourceType: 'model' | 'seed' | 'snapshot',
  entry: NodeEntry,
  packageName: string,
  patchPath: string,
  location: SourceLocation,
): NodePatch {
  const config: Record<string, unknown> = { ...entry.config };
  const tags = [
    ...new Set([...tagList(entry.tags), ...tagList(config.tags as string | string[] | undefined)]),
  ];
  if (tags.length > 0) config.tags = tags;
  if (entry.meta)
    config.meta = { ...entry.meta, ...(config.meta as Record<string, unknown> | undefined) };
  return {
    resource_type: resourceType,
    name: entry.name,
    package_name: packageName,
    description: entry.description ?? '',
    columns: buildColumns(entry.columns),
    config,
    ...(entry.docs ? { docs: entry.docs } : {}),
    patch_path: patchPath,
    location,
  };
}

/** A `macros:` entry: docs for a macro and its arguments. */
export function buildMacroPatch(
  entry: MacroEntryProps,
  packageName: string,
  patchPath: string,
  location: SourceLocation,
): NodePatch {
  return {
    resource_type: 'macro',
    name: entry.name,
    package_name: packageName,
    description: entry.description ?? '',
    columns: {},
    config: entry.meta ? { meta: entry.meta } : {},
    ...(entry.docs ? { docs: entry.docs } : {}),
    arguments: (entry.arguments ?? []).map((a) => ({
      name: a.name,
      ...(a.type !== undefined ? { type: a.type } : {}),
      description: a.description ?? '',
    })),
    patch_path: patchPath,
    location,
  };
}
