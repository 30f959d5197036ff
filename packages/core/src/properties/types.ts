import type { SourceLocation, TsmodelError } from '../diagnostics';
import type {
  ColumnInfo,
  ManifestNode,
  PropertiesEntry,
  TestMetadata,
  TimeSpine,
} from '../manifest/types';
import type { KeptSection } from './schema';
import type { TemplatedDescription, YamlValueRenderer } from './yaml-rendering';

/** One YAML properties file (dbt's `schema.yml`) found by the compiler under a resource path. */
export interface PropertiesFileInput {
  packageName: string;
  /**
   * Resource folder the file was found under, relative to the package root (`models`). Folders
   * between it and the file become fqn parts, as in dbt (`[pkg, 'staging', source, table]`).
   */
  rootDir: string;
  /** File path relative to the package root (`models/staging/schema.yml`): the `patch_path`. */
  path: string;
  text: string;
  /**
   * Path shown in error locations when it differs from `path`, e.g. a package file under
   * `node_modules/…`, so the user can open the file from the message. Defaults to `path`.
   */
  displayPath?: string;
  /**
   * Renders the YAML values dbt renders at parse time (source names and schemas, `config:`
   * values, test configs); without it they are kept as written.
   */
  renderValue?: YamlValueRenderer;
}

export type PatchedResourceType = 'model' | 'seed' | 'snapshot' | 'analysis' | 'macro';

/** A model entry's governance keys, copied onto the node as written. */
export interface ModelGovernance {
  access?: string;
  group?: string;
  constraints?: unknown[];
}

/**
 * Which version of a versioned model a patch describes. The patch is keyed by `definedIn`, the
 * file it applies to, so the file planned under that name becomes this version of the model.
 */
export interface PatchVersion {
  /** As written (`2`, `'2024_q1'`): the manifest's `version`. */
  v: string | number;
  /** The version unpinned `ref()` calls reach: `latest_version`, else the greatest. */
  latest: string | number;
  /** Stem of the file that defines this version: `defined_in`, else `<name>_v<v>`. */
  definedIn: string;
  /** The version's `deprecation_date`, as written. */
  deprecationDate?: string;
}

/** An argument a macro documents under `macros: [{ arguments: [...] }]`. */
export interface MacroArgument {
  name: string;
  type?: string;
  description: string;
}

/**
 * What a properties file says about a node defined elsewhere (a `.sql` model, a `.csv` seed, a
 * macro). It is kept apart from the node because the file that defines the node may not be
 * discovered yet; the compiler applies it once every file is known, and reports a patch whose
 * node does not exist.
 */
export interface NodePatch {
  resource_type: PatchedResourceType;
  name: string;
  package_name: string;
  description: string;
  columns: Record<string, ColumnInfo>;
  /**
   * The entry's `config:` block, with legacy top-level `meta`/`tags` folded in. Its precedence
   * sits between project.yml folder configs and in-file `config()` calls.
   */
  config: Record<string, unknown>;
  docs?: { show?: boolean; node_color?: string };
  /** Macros only. */
  arguments?: MacroArgument[];
  /** Snapshots only: dbt 1.9's YAML-defined snapshot of this relation (`ref('orders')`). */
  relation?: string;
  /** Models only. */
  governance?: ModelGovernance;
  /** Models only: set when the entry describes one version of a versioned model. */
  version?: PatchVersion;
  /** Models only: an unversioned model's `deprecation_date`, as written. */
  deprecation_date?: string;
  /** Models only: the checked `time_spine:` (on a versioned model, its latest version's). */
  time_spine?: TimeSpine;
  /** `models/staging/schema.yml`: what dbt's manifest calls `patch_path`. */
  patch_path: string;
  location: SourceLocation;
}

/** The node a generic test is declared on; resolved to a unique_id by the compiler. */
export interface TestAttachment {
  kind: 'model' | 'seed' | 'snapshot' | 'source';
  /** Model/seed/snapshot name, or the source table name. */
  name: string;
  /** The source's name when `kind` is `source`. */
  sourceName?: string;
  /** The model version tested, when the model is versioned. */
  version?: string | number;
}

/**
 * A generic test declared in YAML (`tests: [unique]` on a column), named and hashed exactly as
 * dbt does so unique_ids in our manifest match dbt's. It is not a node yet: the compiler makes it
 * one after discovery, when it knows whether the attached model exists, and renders `raw_code`
 * like any model template.
 */
export interface GenericTestSpec {
  /** `test.<pkg>.<name>.<10-char hash>`, the same hash dbt computes. */
  unique_id: string;
  /** dbt's full synthesized name (`not_null_orders_id`) or the user's `name:`. */
  name: string;
  package_name: string;
  /** The YAML file's path relative to the package root. */
  path: string;
  /** `[pkg, ...folders below rootDir, name]`, as dbt builds a test's fqn. */
  fqn: string[];
  location: SourceLocation;
  /** `kwargs` holds dbt's form (`model: "{{ get_where_subquery(ref('orders')) }}"`). */
  test_metadata: TestMetadata;
  attached: TestAttachment;
  column_name?: string;
  /** dbt 1.9's `description:` on a test. */
  description?: string;
  /**
   * Only what the YAML sets (severity, warn_if, error_if, fail_calc, where, limit,
   * store_failures, tags, enabled, meta, …) plus `alias` when dbt shortens a long name: the
   * compiler layers it over project.yml `data_tests:` configs and applies dbt's defaults.
   */
  config: Record<string, unknown>;
  /** A nunjucks template: `{{ test_not_null(model=ref('orders'), column_name='id') }}`. */
  raw_code: string;
}

/** Everything one properties file declares, plus every problem found in it. */
export interface ParsedProperties {
  /** Source table nodes (`source.<pkg>.<source>.<table>`). */
  sources: ManifestNode[];
  /** Where each source table (by unique_id) is declared, for duplicate and lookup errors. */
  sourceLocations: Map<string, SourceLocation>;
  /** Keyed by `${resource_type}.${package}.${name}`. */
  patches: Map<string, NodePatch>;
  tests: GenericTestSpec[];
  problems: TsmodelError[];
  /** Problems that do not stop a compile, such as an unknown `config:` key (likely a typo). */
  warnings: TsmodelError[];
  /** Exposures, metrics, … as written, for their manifest sections. */
  kept: Array<{ section: KeptSection; entry: PropertiesEntry; location: SourceLocation }>;
  /** Keys accepted but not acted on, where each is first written; one warning per key. */
  notUsed: Array<{ key: string; meaning: string; location: SourceLocation }>;
  /** Descriptions with Jinja, rendered once the docs blocks are known. */
  descriptions: TemplatedDescription[];
}
