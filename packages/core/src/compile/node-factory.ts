import { createHash } from 'node:crypto';
import type { ManifestNode, NodeConfig, ResourceType } from '../manifest/types';
import { mergeConfigs } from '../project/folder-config';
import { hookConfigText } from '../project/hook-config';

/** dbt's defaults per resource type, applied under every other config source. */
const DEFAULTS: Record<string, Record<string, unknown>> = {
  model: { enabled: true, materialized: 'view', tags: [], pre_hook: [], post_hook: [], meta: {} },
  seed: {
    enabled: true,
    materialized: 'seed',
    tags: [],
    pre_hook: [],
    post_hook: [],
    meta: {},
    // null, not false: unset, the adapter's default decides (dbt's too; see seedQuoteColumns).
    quote_columns: null,
    delimiter: ',',
  },
  test: {
    enabled: true,
    materialized: 'test',
    tags: [],
    pre_hook: [],
    post_hook: [],
    meta: {},
    severity: 'ERROR',
    warn_if: '!= 0',
    error_if: '!= 0',
    fail_calc: 'count(*)',
    // null, not false: unset, `--store-failures` decides (dbt's default too).
    store_failures: null,
  },
  source: { enabled: true, tags: [], meta: {} },
  analysis: {
    enabled: true,
    materialized: 'view',
    tags: [],
    pre_hook: [],
    post_hook: [],
    meta: {},
  },
  snapshot: {
    enabled: true,
    materialized: 'snapshot',
    tags: [],
    pre_hook: [],
    post_hook: [],
    meta: {},
  },
};

/**
 * Layers config sources with dbt's precedence: defaults < project.yml folders (package's own,
 * then the root project's) < YAML `config:` < in-file `config()` calls in order. Hooks given
 * as `pre-hook`, a single string or a `{sql, transaction}` dict are normalised to lists of text.
 */
export function layerConfig(
  resourceType: ResourceType,
  layers: ReadonlyArray<Record<string, unknown> | undefined>,
): NodeConfig {
  let config = { ...DEFAULTS[resourceType] };
  for (const layer of layers) if (layer) config = mergeConfigs(config, layer);
  for (const hook of ['pre_hook', 'post_hook'] as const) {
    const v = config[hook];
    config[hook] =
      v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map(hookConfigText);
  }
  if (typeof config.tags === 'string') config.tags = [config.tags];
  if (typeof config.severity === 'string') config.severity = config.severity.toUpperCase();
  return config as NodeConfig;
}

/**
 * A node's config: its folder/YAML `base` (already layered by {@link layerConfig}) with its
 * template's `config()` calls on top. The same result as layering everything again, since
 * merging is associative and the normalisation idempotent, without redoing the shared layers
 * for every node.
 */
export function overlayConfig(
  resourceType: ResourceType,
  base: NodeConfig,
  calls: ReadonlyArray<Record<string, unknown>>,
): NodeConfig {
  if (calls.length === 0) return base;
  return layerConfig(resourceType, [base as Record<string, unknown>, ...calls]);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface NodeInit {
  unique_id: string;
  resource_type: ResourceType;
  name: string;
  package_name: string;
  path: string;
  original_file_path: string;
  fqn: string[];
  config: NodeConfig;
  raw_code?: string;
  checksum: string;
}

/** A manifest node with the fields every node has, filled from `init`. */
export function newNode(init: NodeInit): ManifestNode {
  return {
    ...init,
    tags: [...init.config.tags],
    description: '',
    columns: {},
    depends_on: { nodes: [], macros: [] },
  };
}
