import { TsmodelError, type SourceLocation } from '../diagnostics';
import { closestMatch } from '../did-you-mean';
import { normaliseConfigKey } from './folder-config';

/** The resource types whose configs are checked. */
export type ConfiguredResource =
  'model' | 'seed' | 'test' | 'snapshot' | 'source' | 'analysis' | 'unit_test';

/** Every node's configs in dbt (`NodeConfig`), as tsmodel spells them (underscores). */
const NODE = [
  'enabled',
  'alias',
  'schema',
  'database',
  'tags',
  'meta',
  'group',
  'access',
  'docs',
  'persist_docs',
  'pre_hook',
  'post_hook',
  'quoting',
  'grants',
  'contract',
  'materialized',
  'full_refresh',
  'unique_key',
  'on_schema_change',
  'on_configuration_change',
  'incremental_strategy',
  'incremental_predicates',
  'predicates',
  'merge_update_columns',
  'merge_exclude_columns',
  'batch_size',
  'begin',
  'lookback',
  'concurrent_batches',
  'event_time',
  'sql_header',
  'column_types',
  'packages',
  'freshness',
  // tsmodel: run after every consumer of these models (compile/consumer-edges.ts).
  'after_consumers_of',
];

/** Configs the warehouse adapters define (dbt-postgres, -redshift, -snowflake, -duckdb). */
const ADAPTER = [
  'indexes',
  'unlogged',
  'sort',
  'dist',
  'sort_type',
  'bind',
  'backup',
  'auto_refresh',
  'transient',
  'cluster_by',
  'automatic_clustering',
  'snowflake_warehouse',
  'copy_grants',
  'secure',
  'query_tag',
  'tmp_relation_type',
  'target_lag',
  'refresh_mode',
  'initialize',
  'table_format',
  'external_volume',
  'base_location',
  'partition_by',
  'file_format',
  'location',
  'format',
  'options',
];

const TEST = [
  'enabled',
  'alias',
  'schema',
  'database',
  'tags',
  'meta',
  'group',
  'materialized',
  'severity',
  'where',
  'limit',
  'warn_if',
  'error_if',
  'fail_calc',
  'store_failures',
  'store_failures_as',
  'sql_header',
];

const SNAPSHOT = [
  'strategy',
  'updated_at',
  'check_cols',
  'target_schema',
  'target_database',
  'invalidate_hard_deletes',
  'hard_deletes',
  'snapshot_meta_column_names',
  'dbt_valid_to_current',
];

const SOURCE = [
  'enabled',
  'tags',
  'meta',
  'freshness',
  'loaded_at_field',
  'loaded_at_query',
  'event_time',
  'quoting',
];

/** dbt's `UnitTestConfig`: nothing else changes what a unit test does. */
const UNIT_TEST = ['tags', 'meta', 'enabled'];

const KNOWN: Record<ConfiguredResource, ReadonlySet<string>> = {
  model: new Set([...NODE, ...ADAPTER]),
  seed: new Set([...NODE, ...ADAPTER, 'delimiter', 'quote_columns']),
  test: new Set(TEST),
  snapshot: new Set([...NODE, ...ADAPTER, ...SNAPSHOT]),
  source: new Set(SOURCE),
  analysis: new Set(NODE),
  unit_test: new Set(UNIT_TEST),
};

/**
 * Whether an unknown config of `type` is an error rather than a warning. A model's custom
 * config is dbt's (selectable with `config.x:`), so a typo there can only be warned about; a
 * unit test has dbt's three configs alone (`UnitTestConfig`), and dbt keeps any other key
 * without effect — silently — so tsmodel refuses it.
 */
export function unknownConfigIsError(type: ConfiguredResource): boolean {
  return type === 'unit_test';
}

/**
 * The keys of `config` that no `type` config has, as written. A typo such as `materialised`
 * is kept as a custom config, so the model silently builds with the default instead; dbt 1.10
 * warns about the same keys (custom configs belong under `meta`, which is never checked).
 */
export function unknownConfigKeys(
  type: ConfiguredResource,
  config: Record<string, unknown>,
): string[] {
  const known = KNOWN[type];
  return Object.keys(config).filter((key) => !known.has(normaliseConfigKey(key)));
}

/** The warning for one unknown key, with the config it most likely meant. */
export function unknownConfigWarning(
  type: ConfiguredResource,
  key: string,
  location: SourceLocation,
  extra: { node?: string; excerpt?: string } = {},
): TsmodelError {
  const meant = closestMatch(normaliseConfigKey(key), [...KNOWN[type]]);
  return new TsmodelError({
    code: 'unknown-config-key',
    message: `unknown ${type.replace('_', ' ')} config '${key}'`,
    location,
    ...extra,
    hint: meant
      ? `did you mean '${meant}'? (a custom config belongs under meta:)`
      : `no ${type.replace('_', ' ')} config has this name; a custom config belongs under meta:`,
  });
}
