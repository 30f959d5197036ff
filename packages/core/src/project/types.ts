/**
 * Typed results of loading `project.yml`, `profiles.yml` and `selectors.yml`. The loader
 * validates the files with a schema and turns dbt's spellings (`model-paths`, `+materialized`)
 * into these shapes, so the compiler never looks at raw YAML.
 */
import type { TsmodelError } from '../diagnostics';

/**
 * Folder-level configs from `models:`/`seeds:`/`tests:` in project.yml. Keys of `configs` are
 * config names without the `+`; `children` are sub-folders (or, at the top level, package
 * names). dbt resolves the most specific folder last, so deeper folders win.
 */
export interface FolderConfigTree {
  configs: Record<string, unknown>;
  children: Record<string, FolderConfigTree>;
}

/** One entry of `packages:` before resolution. */
export type PackageSpec = { kind: 'npm'; name: string } | { kind: 'local'; path: string };

/** A hook SQL template and the file position it came from, for error messages. */
export interface HookSpec {
  sql: string;
  file: string;
  line?: number;
}

export interface ProjectConfig {
  name: string;
  version: string;
  /** Name of the profile in profiles.yml; absent means "use the embedded default". */
  profile?: string;
  /** Absolute directory holding project.yml. */
  rootDir: string;
  /** Absolute path of project.yml, for error messages. */
  file: string;
  modelPaths: string[];
  macroPaths: string[];
  seedPaths: string[];
  testPaths: string[];
  snapshotPaths: string[];
  analysisPaths: string[];
  /**
   * Folders whose `.md` files hold `{% docs %}` blocks: `docs-paths`, else every other
   * resource folder (dbt's default), so a docs.md beside the models is found.
   */
  docsPaths: string[];
  /**
   * Relative to rootDir: `--target-path`, else `$TSMODEL_TARGET_PATH`, else project.yml's
   * `target-path`, else `target` (dbt's precedence).
   */
  targetPath: string;
  /** project.yml's `clean-targets`; unset, the target path. */
  cleanTargets: string[];
  /**
   * `packages-install-path`, relative to rootDir (default `dbt_packages`): where `tsmodel deps`
   * installs the packages of packages.yml, and where the loader finds them.
   */
  packagesInstallPath: string;
  /**
   * `vars:` exactly as written: plain keys are global, and a key naming a project (root or
   * package) holding a mapping scopes those vars to that project.
   */
  vars: Record<string, unknown>;
  models: FolderConfigTree;
  seeds: FolderConfigTree;
  tests: FolderConfigTree;
  snapshots: FolderConfigTree;
  /** `unit_tests:` — `+enabled`, `+tags`, `+meta` by package, folder, model and test name. */
  unitTests: FolderConfigTree;
  analyses: FolderConfigTree;
  packages: PackageSpec[];
  onRunStart: HookSpec[];
  onRunEnd: HookSpec[];
  /** `dispatch:` search order overrides: macro namespace → packages searched in order. */
  dispatch: Array<{ macro_namespace: string; search_order: string[] }>;
  /** `require-tsmodel-version:` ranges as written (a single string becomes a one-item list). */
  requireTsmodelVersion?: string[];
  /** `require-dbt-version:`, checked against the dbt version tsmodel is compatible with. */
  requireDbtVersion?: string[];
  /** `flags:` as written; see project-file-keys.ts for the ones honoured. */
  flags: Record<string, unknown>;
  /** `quoting:` for the relations of models and seeds (the root project's applies). */
  quoting: { database?: boolean; schema?: boolean; identifier?: boolean };
}

/** A connection target from profiles.yml (or the embedded default). */
export interface TargetConfig {
  /** Adapter type: duckdb, postgres, redshift, snowflake. */
  type: string;
  /** The target's name, e.g. `dev`; `{{ target.name }}` in templates. */
  name: string;
  profile_name: string;
  schema: string;
  database?: string;
  threads: number;
  /** Adapter-specific settings (host, user, path, …), already env_var-rendered. */
  [key: string]: unknown;
}

export interface ResolvedProfile {
  target: TargetConfig;
  /** Absolute path of the profiles.yml used, or `undefined` for the embedded default. */
  profilesFile?: string;
}

/** A YAML selector definition (`selectors.yml`), kept as the tree the file spells. */
export type SelectorDefinition =
  | string
  | { union: SelectorDefinition[] }
  | { intersection: SelectorDefinition[] }
  | { exclude: SelectorDefinition[] }
  | {
      method: string;
      value: string;
      parents?: boolean;
      children?: boolean;
      parents_depth?: number;
      children_depth?: number;
      childrens_parents?: boolean;
      indirect_selection?: 'eager' | 'cautious' | 'buildable' | 'empty';
      exclude?: SelectorDefinition[];
    };

export interface NamedSelector {
  name: string;
  description?: string;
  default: boolean;
  definition: SelectorDefinition;
}

/** The root project plus every package it pulls in, root first, each loaded once. */
export interface LoadedProject {
  root: ProjectConfig;
  /** All projects in the DAG including the root, keyed by project name. */
  projects: Map<string, ProjectConfig>;
  selectors: NamedSelector[];
  /** The parsed `--vars` mapping (empty without the flag); VarResolver gives it top precedence. */
  cliVars: Record<string, unknown>;
  /** Problems that do not stop the load: unknown `+configs`, keys accepted but not honoured, version ranges. */
  warnings: TsmodelError[];
}
