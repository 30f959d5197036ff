/**
 * The compiled project: every node the graph knows, in the shape written to
 * `target/manifest.json`. Field names follow dbt's manifest (snake_case) on purpose, so tools
 * that read dbt artifacts (state comparison, lineage viewers, CI scripts) read ours unchanged.
 */

import type { UnitTestNode } from '../unit-tests/types';

export type ResourceType =
  'model' | 'seed' | 'source' | 'test' | 'snapshot' | 'analysis' | 'operation' | 'unit_test';

export type Materialization = 'view' | 'table' | 'incremental' | 'ephemeral' | 'seed' | 'test';

/**
 * Configuration after `project.yml` folder configs, YAML `config:` blocks and in-file `config()`
 * calls are merged (in that order of increasing precedence). Unknown keys are kept: users and
 * packages put their own keys here and select on them with `config.<key>:`.
 */
export interface NodeConfig {
  enabled: boolean;
  materialized: string;
  tags: string[];
  schema?: string;
  database?: string;
  alias?: string;
  unique_key?: string | string[];
  incremental_strategy?: string;
  incremental_predicates?: string[];
  on_schema_change?: string;
  full_refresh?: boolean | null;
  pre_hook: string[];
  post_hook: string[];
  meta: Record<string, unknown>;
  /** Tests only. */
  severity?: string;
  [key: string]: unknown;
}

/** Where a relation lives in the warehouse. Rendered by the adapter's dialect. */
export interface RelationName {
  database?: string;
  schema: string;
  identifier: string;
  /**
   * dbt's `quoting:`: parts set to false are printed unquoted (and were folded to the
   * engine's case when named, so the name matches what the catalog stores). Absent: all quoted.
   */
  quoting?: QuotingPolicy;
}

/** Which parts of a relation name are quoted; an absent part is quoted. */
export interface QuotingPolicy {
  database?: boolean;
  schema?: boolean;
  identifier?: boolean;
}

export interface ColumnInfo {
  name: string;
  description: string;
  data_type?: string;
  meta: Record<string, unknown>;
  tags: string[];
  /** `quote: true`: the name is quoted in a contract's DDL (case kept), as in dbt. */
  quote?: boolean;
  /** Column constraints, as written (checked and applied with an enforced contract). */
  constraints?: unknown[];
  /** dbt 1.9: the column's time grain (`day`), which a time spine's standard column needs. */
  granularity?: string;
}

/**
 * dbt 1.9's MetricFlow time spine of a model, in dbt's manifest shape: the semantic layer reads
 * it from the model node (`column_name` null means the column named like the granularity).
 */
export interface TimeSpine {
  standard_granularity_column: string;
  custom_granularities: Array<{ name: string; column_name: string | null }>;
}

/** A generic test's call: `unique` on column `id` of model `orders`. */
export interface TestMetadata {
  name: string;
  namespace?: string;
  kwargs: Record<string, unknown>;
}

export interface ManifestNode {
  /** `model.<package>.<name>`, `seed.…`, `test.…`, `source.<package>.<source>.<table>`. */
  unique_id: string;
  resource_type: ResourceType;
  name: string;
  package_name: string;
  /** Path inside the node's resource folder, e.g. `staging/stg_orders.sql`. */
  path: string;
  /** Path from the package root, e.g. `models/staging/stg_orders.sql`. */
  original_file_path: string;
  /** Package name, folders under the resource path, then the node name. */
  fqn: string[];
  config: NodeConfig;
  tags: string[];
  description: string;
  columns: Record<string, ColumnInfo>;
  depends_on: { nodes: string[]; macros: string[] };
  /** The relation this node builds or reads; ephemeral models and tests have none in use. */
  relation?: RelationName;
  /** `sha256` of the file contents; `state:modified.body` compares it. */
  checksum: string;
  raw_code?: string;
  /** The full-build SQL, refs resolved and ephemeral models inlined. */
  compiled_code?: string;
  /** `<target-path>/compiled/<package>/<original_file_path>` once written. */
  compiled_path?: string;
  /** YAML file that documented this node, when any. */
  patch_path?: string;
  /**
   * Model governance from YAML (`access`, `group`), kept as written: tsmodel does not enforce
   * model access yet.
   */
  access?: string;
  group?: string;
  /** Model-level constraints, applied with an enforced contract (see `checkContracts`). */
  constraints?: unknown[];
  /** A model version's `v` (`model.pkg.name.v2` has version 2); absent for unversioned models. */
  version?: string | number;
  /** Of a versioned model's versions, the one an unpinned `ref('name')` reaches. */
  latest_version?: string | number;
  /** When the model (version) stops being supported; refs to it are warned about. */
  deprecation_date?: string;
  /** Models only: set when the model's YAML declares it a time spine. */
  time_spine?: TimeSpine;
  // --- tests ---
  test_metadata?: TestMetadata;
  attached_node?: string;
  column_name?: string;
  // --- sources ---
  source_name?: string;
  /** The `description` of the source the table belongs to. */
  source_description?: string;
  identifier?: string;
  loaded_at_field?: string;
  /** dbt 1.10: SQL returning the newest load time, instead of `max(loaded_at_field)`. */
  loaded_at_query?: string;
  freshness?: unknown;
  // --- seeds ---
  /** Absolute path of the CSV, for loaders. */
  seed_file?: string;
}

export interface MacroEntry {
  unique_id: string;
  name: string;
  package_name: string;
  original_file_path: string;
  checksum: string;
  /** From a `macros:` properties entry, when one describes this macro. */
  description?: string;
  arguments?: Array<{ name: string; type?: string; description: string }>;
  meta?: Record<string, unknown>;
  docs?: { show?: boolean; node_color?: string };
  patch_path?: string;
}

/** A `{% docs name %}` block: what `{{ doc('name') }}` in a YAML description stands for. */
export interface DocEntry {
  /** `doc.<package>.<name>`. */
  unique_id: string;
  name: string;
  resource_type: 'doc';
  package_name: string;
  /** Path inside the docs folder, and from the package root. */
  path: string;
  original_file_path: string;
  block_contents: string;
}

/**
 * A properties entry tsmodel keeps but does not act on (an exposure, metric, semantic model,
 * saved query, group or unit test): the YAML as written plus dbt's identifying fields, so
 * tools that read dbt's manifest find them where dbt puts them.
 */
export interface PropertiesEntry {
  unique_id: string;
  name: string;
  resource_type: string;
  package_name: string;
  original_file_path: string;
  [key: string]: unknown;
}

/** Everything `compile` produces; `run`, `ls`, selection and state comparison consume it. */
export interface Manifest {
  metadata: {
    dbt_schema_version: string;
    tsmodel_version: string;
    generated_at: string;
    invocation_id: string;
    project_name: string;
    adapter_type: string;
  };
  /** Models, seeds, tests, snapshots, operations — everything that can run. */
  nodes: Record<string, ManifestNode>;
  sources: Record<string, ManifestNode>;
  macros: Record<string, MacroEntry>;
  /** `doc.<package>.<name>` → its block. Absent in manifests of older tsmodel versions. */
  docs?: Record<string, DocEntry>;
  exposures?: Record<string, PropertiesEntry>;
  metrics?: Record<string, PropertiesEntry>;
  semantic_models?: Record<string, PropertiesEntry>;
  saved_queries?: Record<string, PropertiesEntry>;
  groups?: Record<string, PropertiesEntry>;
  /** dbt 1.8 unit tests, `unit_test.<package>.<model>.<name>`; graph children of their model. */
  unit_tests?: Record<string, UnitTestNode>;
  /** parent unique_id → child unique_ids. */
  child_map: Record<string, string[]>;
  /** child unique_id → parent unique_ids. */
  parent_map: Record<string, string[]>;
}

/** The node, source or unit test `id` names: every id of the graph is one of them. */
export function nodeById(manifest: Manifest, id: string): ManifestNode | undefined {
  return manifest.nodes[id] ?? manifest.sources[id] ?? manifest.unit_tests?.[id];
}

/** Every node of a manifest, runnable nodes and sources alike. */
export function allNodes(manifest: Manifest): ManifestNode[] {
  return [...Object.values(manifest.nodes), ...Object.values(manifest.sources)];
}
