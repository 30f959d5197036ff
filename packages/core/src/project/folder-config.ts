import type { FolderConfigTree } from './types';

/**
 * Configs whose values add up across levels instead of replacing each other, as in dbt: a
 * folder's tags and hooks still apply to a model that sets its own.
 */
const APPENDED_CONFIGS = new Set(['tags', 'pre_hook', 'post_hook']);

/** Mapping configs merged key by key (dbt's `MergeBehavior.Update`), deeper keys winning. */
const SHALLOW_MERGED_CONFIGS = new Set([
  'meta',
  'docs',
  'persist_docs',
  'quoting',
  'column_types',
  'grants',
  'contract',
]);

/** `pre-hook` → `pre_hook`: project.yml spells configs with hyphens, the rest of tsmodel with underscores. */
export function normaliseConfigKey(key: string): string {
  return key.includes('-') ? key.replace(/-/g, '_') : key;
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `override` applied over `base` with dbt's rules: most keys are replaced, `tags` and the hooks
 * accumulate (tags de-duplicated, first occurrence kept), `meta` and the other mapping configs
 * merge shallowly. Keys of both sides are normalised to snake_case, so callers may pass
 * project.yml spellings. Neither argument is modified.
 */
export function mergeConfigs(
  base: Record<string, unknown>,
  override: Record<string, unknown>,
): Record<string, unknown> {
  // Keys, not entries: this runs for every layer of every node, and a pair per key is garbage.
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(base)) merged[normaliseConfigKey(key)] = base[key];
  for (const rawKey of Object.keys(override)) {
    const value = override[rawKey];
    const key = normaliseConfigKey(rawKey);
    const previous = merged[key];
    if (key === 'tags') {
      merged[key] = [...new Set([...asList(previous), ...asList(value)])];
    } else if (APPENDED_CONFIGS.has(key)) {
      merged[key] = [...asList(previous), ...asList(value)];
    } else if (
      SHALLOW_MERGED_CONFIGS.has(key) &&
      isPlainMapping(previous) &&
      isPlainMapping(value)
    ) {
      merged[key] = { ...previous, ...value };
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

/**
 * The configs project.yml gives a resource of `packageName` living in `folders` (its path
 * below the model/seed/test path, without the file name): the tree's top-level configs, then
 * the package's entry, then each sub-folder in turn, deeper folders winning.
 */
export function folderConfig(
  tree: FolderConfigTree,
  packageName: string,
  folders: readonly string[],
): Record<string, unknown> {
  let config = mergeConfigs({}, tree.configs);
  let node: FolderConfigTree | undefined = tree.children[packageName];
  const path = [...folders];
  while (node) {
    config = mergeConfigs(config, node.configs);
    const next = path.shift();
    node = next === undefined ? undefined : node.children[next];
  }
  return config;
}
