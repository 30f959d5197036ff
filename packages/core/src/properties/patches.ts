import type { SourceLocation } from '../diagnostics';
import { buildColumns } from './columns';
import { tagList, type MacroEntryProps, type NodeEntry } from './schema';
import { dateText } from './model-versions';
import type { ModelGovernance, NodePatch, PatchVersion } from './types';

/** Identifies a patch: `model.shop.orders`. */
export function patchKey(resourceType: string, packageName: string, name: string): string {
  return `${resourceType}.${packageName}.${name}`;
}

/** The key of the file a patch applies to: a model version's is its `defined_in` file. */
export function patchKeyOf(patch: NodePatch): string {
  return patchKey(patch.resource_type, patch.package_name, patch.version?.definedIn ?? patch.name);
}

/**
 * The docs and config a `models:`/`seeds:`/`snapshots:` entry adds to its node. Legacy
 * top-level `meta` and `tags` are folded into `config` (dbt 1.10 moved them there).
 */
export function buildNodePatch(
  resourceType: 'model' | 'seed' | 'snapshot' | 'analysis',
  entry: NodeEntry,
  packageName: string,
  patchPath: string,
  location: SourceLocation,
  /** Set when `entry` is one version of a versioned model (see `expandModelVersions`). */
  version?: PatchVersion,
): NodePatch {
  const config: Record<string, unknown> = { ...entry.config };
  const deprecation = version ? undefined : dateText(entry.deprecation_date);
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
    ...(entry.relation !== undefined ? { relation: entry.relation } : {}),
    ...governance(entry),
    ...(version ? { version } : {}),
    ...(deprecation !== undefined ? { deprecation_date: deprecation } : {}),
    patch_path: patchPath,
    location,
  };
}

function governance(entry: NodeEntry): { governance?: ModelGovernance } {
  const keys = ['access', 'group', 'constraints'] as const;
  const found: ModelGovernance = {};
  for (const key of keys) if (entry[key] !== undefined) Object.assign(found, { [key]: entry[key] });
  return Object.keys(found).length > 0 ? { governance: found } : {};
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
