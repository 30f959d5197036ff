import { existsSync } from 'node:fs';
import path from 'node:path';
import { TsmodelError, type SourceLocation } from '../diagnostics';
import { readUtf8File } from '../utf8-text';
import { YamlFile } from '../yaml/yaml-file';
import { didYouMean } from '../did-you-mean';
import type { EnvVarRenderer } from './env-var-renderer';
import { parseFolderConfigTree } from './folder-config-tree';
import { unhonouredKeyWarnings } from './project-file-keys';
import { PROJECT_FILE_KEYS, projectFileSchema, type ProjectFile } from './project-file-schema';
import type { FolderConfigTree, HookSpec, PackageSpec, ProjectConfig } from './types';

export const PROJECT_FILE_NAME = 'project.yml';
export const DBT_PROJECT_FILE_NAME = 'dbt_project.yml';

/** One project file read and validated, plus where each `packages:` entry was written. */
export interface ReadProjectResult {
  config?: ProjectConfig;
  /** Location of `config.packages[i]`, so resolution errors can point at the entry. */
  packageLocations: SourceLocation[];
  errors: TsmodelError[];
  /** Keys accepted but not acted on, renamed keys: the project still loads. */
  warnings: TsmodelError[];
}

/**
 * The project file of `dir`: `dbt_project.yml` (a dbt project as it is) or `project.yml`
 * (tsmodel's name for the same format). Both in one folder is ambiguous — which one a user
 * edits would decide nothing — so that is an error naming both.
 */
export function findProjectFile(
  dir: string,
): { file: string; both: false } | { file: undefined; both: boolean } {
  const dbt = path.join(dir, DBT_PROJECT_FILE_NAME);
  const own = path.join(dir, PROJECT_FILE_NAME);
  const hasDbt = existsSync(dbt);
  const hasOwn = existsSync(own);
  if (hasDbt && hasOwn) return { file: undefined, both: true };
  if (hasDbt) return { file: dbt, both: false };
  if (hasOwn) return { file: own, both: false };
  return { file: undefined, both: false };
}

/** `dir/file` shown relative to `displayBase` (the root project), with forward slashes. */
export function displayPath(displayBase: string, file: string): string {
  const relative = path.relative(displayBase, file);
  return (relative === '' ? file : relative).split(path.sep).join('/');
}

/**
 * Reads the project file of `dir` (see {@link findProjectFile}). All problems in the file
 * (syntax, schema, unknown keys, folder configs) are returned together; `config` is set only
 * when there are none.
 */
export function readProjectFile(
  dir: string,
  displayBase: string,
  renderer: EnvVarRenderer,
): ReadProjectResult {
  const rootDir = path.resolve(dir);
  const found = findProjectFile(rootDir);
  if (!found.file) {
    const shownDir = displayPath(displayBase, rootDir);
    return {
      packageLocations: [],
      warnings: [],
      errors: [
        found.both
          ? new TsmodelError({
              code: 'project-file-ambiguous',
              message: `${shownDir === rootDir ? `${rootDir}/` : ''}${DBT_PROJECT_FILE_NAME} and ${PROJECT_FILE_NAME} are both in ${rootDir}: which one is the project?`,
              location: {
                file: displayPath(displayBase, path.join(rootDir, DBT_PROJECT_FILE_NAME)),
              },
              hint: `keep one: tsmodel reads either (dbt_project.yml for a dbt project as it is), never both`,
            })
          : new TsmodelError({
              code: 'project-missing',
              message: `no ${DBT_PROJECT_FILE_NAME} or ${PROJECT_FILE_NAME} in ${rootDir}`,
              location: { file: displayPath(displayBase, path.join(rootDir, PROJECT_FILE_NAME)) },
              hint: 'run `tsmodel init` to create a project, or pass --project-dir <dir>',
            }),
      ],
    };
  }
  const file = found.file;
  const fileName = path.basename(file);
  const shown = displayPath(displayBase, file);
  const { yaml, errors: syntaxErrors } = YamlFile.parse(readUtf8File(file, shown), shown);
  if (!yaml) return { packageLocations: [], errors: syntaxErrors, warnings: [] };

  const errors = [...unknownKeyErrors(yaml, fileName)];
  const { value: validated, errors: schemaErrors } = yaml.validate(projectFileSchema);
  errors.push(...schemaErrors);
  if (!validated) return { packageLocations: [], errors: errors.sort(byPosition), warnings: [] };
  const value = renderer.renderTree(validated, [], yaml, errors, isRenderedLater) as ProjectFile;
  const warnings = unhonouredKeyWarnings(value as Record<string, unknown>, yaml, fileName);

  const tree = (key: keyof typeof RESOURCE_OF) =>
    parseFolderConfigTree(value[key], [key], yaml, { type: RESOURCE_OF[key], errors, warnings });
  const config: ProjectConfig = {
    name: value.name,
    version: value.version === undefined ? '0.0.0' : String(value.version),
    profile: value.profile,
    rootDir,
    file,
    modelPaths: value['model-paths'] ?? value['source-paths'] ?? ['models'],
    macroPaths: value['macro-paths'] ?? ['macros'],
    seedPaths: value['seed-paths'] ?? value['data-paths'] ?? ['seeds'],
    testPaths: value['test-paths'] ?? ['tests'],
    snapshotPaths: value['snapshot-paths'] ?? ['snapshots'],
    analysisPaths: value['analysis-paths'] ?? ['analyses'],
    docsPaths: [],
    targetPath: value['target-path'] ?? 'target',
    packagesInstallPath: value['packages-install-path'] ?? value['modules-path'] ?? 'dbt_packages',
    cleanTargets: value['clean-targets'] ?? [value['target-path'] ?? 'target'],
    vars: value.vars ?? {},
    models: tree('models'),
    seeds: tree('seeds'),
    tests: mergeTestTrees(tree('tests'), tree('data_tests')),
    snapshots: tree('snapshots'),
    unitTests: tree('unit_tests'),
    analyses: tree('analyses'),
    packages: (value.packages ?? []).map(toPackageSpec),
    onRunStart: hookSpecs(value['on-run-start'], 'on-run-start', yaml),
    onRunEnd: hookSpecs(value['on-run-end'], 'on-run-end', yaml),
    dispatch: value.dispatch ?? [],
    requireTsmodelVersion: asOptionalList(value['require-tsmodel-version']),
    requireDbtVersion: asOptionalList(value['require-dbt-version']),
    flags: value.flags ?? {},
    quoting: value.quoting ?? {},
  };
  config.docsPaths = value['docs-paths'] ?? [
    ...new Set([
      ...config.modelPaths,
      ...config.seedPaths,
      ...config.snapshotPaths,
      ...config.analysisPaths,
      ...config.macroPaths,
      ...config.testPaths,
    ]),
  ];
  (value['model-paths'] ?? []).forEach((folder, i) => {
    if (existsSync(path.resolve(rootDir, folder))) return;
    const location = yaml.locate(['model-paths', i]);
    errors.push(
      new TsmodelError({
        code: 'model-path-missing',
        message: `model-paths: folder '${folder}' does not exist in ${rootDir}`,
        location,
        excerpt: yaml.lineText(location.line),
        hint: `create ${folder}/ for the models, or list the folder that holds them under model-paths`,
      }),
    );
  });
  const packageLocations = config.packages.map((_, i) => yaml.locate(['packages', i]));
  if (errors.length > 0) return { packageLocations, errors: errors.sort(byPosition), warnings };
  return { config, packageLocations, errors, warnings };
}

const RESOURCE_OF = {
  models: 'model',
  seeds: 'seed',
  tests: 'test',
  data_tests: 'test',
  snapshots: 'snapshot',
  analyses: 'analysis',
  unit_tests: 'unit_test',
} as const;

/** Problems in file order, so the user can fix them top to bottom. */
function byPosition(a: TsmodelError, b: TsmodelError): number {
  const line = (a.location?.line ?? 0) - (b.location?.line ?? 0);
  return line !== 0 ? line : (a.location?.column ?? 0) - (b.location?.column ?? 0);
}

/**
 * dbt's rule for project.yml: `env_var()` is rendered on load everywhere except in `vars:` (never
 * templated), in hooks, which are rendered when they run, and in the folder configs
 * (`models:`, `seeds:`, …), which the compiler renders with `var()` and `target` available.
 */
function isRenderedLater(path: ReadonlyArray<string | number>): boolean {
  if (path.length === 0) return false;
  const top = String(path[0]);
  if (
    [
      'vars',
      'on-run-start',
      'on-run-end',
      'models',
      'seeds',
      'tests',
      'data_tests',
      'snapshots',
    ].includes(top)
  )
    return true;
  return /^\+?(pre|post)[-_]hook$/.test(String(path[path.length - 1]));
}

function unknownKeyErrors(yaml: YamlFile, fileName: string): TsmodelError[] {
  const raw = yaml.toJS();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  return Object.keys(raw)
    .filter((key) => !PROJECT_FILE_KEYS.includes(key))
    .map((key) => {
      const location = yaml.locate([key], true);
      return new TsmodelError({
        code: 'project-unknown-key',
        message: `unknown key '${key}' in ${fileName}`,
        location,
        excerpt: yaml.lineText(location.line),
        hint: didYouMean(key, PROJECT_FILE_KEYS) ?? `known keys: ${PROJECT_FILE_KEYS.join(', ')}`,
      });
    });
}

function toPackageSpec(entry: NonNullable<ProjectFile['packages']>[number]): PackageSpec {
  if (typeof entry === 'string') return { kind: 'npm', name: entry };
  if ('package' in entry) return { kind: 'npm', name: entry.package };
  return { kind: 'local', path: entry.local };
}

type HookValue = string | { sql: string; transaction?: boolean };

/** A project hook, each run alone: a `{sql, transaction}` dict counts for its SQL. */
function hookSpecs(
  value: HookValue | HookValue[] | null | undefined,
  key: string,
  yaml: YamlFile,
): HookSpec[] {
  if (value === undefined || value === null) return [];
  const sqlOf = (h: HookValue) => (typeof h === 'string' ? h : h.sql);
  if (!Array.isArray(value))
    return [{ sql: sqlOf(value), file: yaml.file, line: yaml.locate([key]).line }];
  return value.map((h, i) => ({
    sql: sqlOf(h),
    file: yaml.file,
    line: yaml.locate([key, i]).line,
  }));
}

function asOptionalList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/** `data_tests:` (dbt 1.8's name) and `tests:` configure the same tests; `data_tests` wins a clash. */
function mergeTestTrees(tests: FolderConfigTree, dataTests: FolderConfigTree): FolderConfigTree {
  const children: Record<string, FolderConfigTree> = { ...tests.children };
  for (const [key, child] of Object.entries(dataTests.children)) {
    children[key] = children[key] ? mergeTestTrees(children[key], child) : child;
  }
  return { configs: { ...tests.configs, ...dataTests.configs }, children };
}
