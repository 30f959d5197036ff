import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TsmodelError, type SourceLocation } from '../diagnostics';
import { YamlFile } from '../yaml/yaml-file';
import { didYouMean } from '../did-you-mean';
import type { EnvVarRenderer } from './env-var-renderer';
import { parseFolderConfigTree } from './folder-config-tree';
import { PROJECT_FILE_KEYS, projectFileSchema, type ProjectFile } from './project-file-schema';
import type { HookSpec, PackageSpec, ProjectConfig } from './types';

export const PROJECT_FILE_NAME = 'project.yml';

/** One project.yml read and validated, plus where each `packages:` entry was written. */
export interface ReadProjectResult {
  config?: ProjectConfig;
  /** Location of `config.packages[i]`, so resolution errors can point at the entry. */
  packageLocations: SourceLocation[];
  errors: TsmodelError[];
}

/** `dir/file` shown relative to `displayBase` (the root project), with forward slashes. */
export function displayPath(displayBase: string, file: string): string {
  const relative = path.relative(displayBase, file);
  return (relative === '' ? file : relative).split(path.sep).join('/');
}

/**
 * Reads `<dir>/project.yml` (or `fileName`: an installed dbt package's `dbt_project.yml`). All
 * problems in the file (syntax, schema, unknown keys, folder configs) are returned together;
 * `config` is set only when there are none.
 */
export function readProjectFile(
  dir: string,
  displayBase: string,
  renderer: EnvVarRenderer,
  fileName: string = PROJECT_FILE_NAME,
): ReadProjectResult {
  const rootDir = path.resolve(dir);
  const file = path.join(rootDir, fileName);
  const shown = displayPath(displayBase, file);
  if (!existsSync(file)) {
    return {
      packageLocations: [],
      errors: [
        new TsmodelError({
          code: 'project-missing',
          message: `no ${PROJECT_FILE_NAME} in ${rootDir}`,
          location: { file: shown },
          hint: 'run `tsmodel init` to create a project, or pass --project-dir <dir>',
        }),
      ],
    };
  }
  const { yaml, errors: syntaxErrors } = YamlFile.parse(readFileSync(file, 'utf8'), shown);
  if (!yaml) return { packageLocations: [], errors: syntaxErrors };

  const errors = [...unknownKeyErrors(yaml)];
  const { value: validated, errors: schemaErrors } = yaml.validate(projectFileSchema);
  errors.push(...schemaErrors);
  if (!validated) return { packageLocations: [], errors: errors.sort(byPosition) };
  const value = renderer.renderTree(validated, [], yaml, errors, isRenderedLater) as ProjectFile;

  const tree = (key: 'models' | 'seeds' | 'tests' | 'snapshots') =>
    parseFolderConfigTree(value[key], [key], yaml, errors);
  const config: ProjectConfig = {
    name: value.name,
    version: value.version === undefined ? '0.0.0' : String(value.version),
    profile: value.profile,
    rootDir,
    file,
    modelPaths: value['model-paths'] ?? ['models'],
    macroPaths: value['macro-paths'] ?? ['macros'],
    seedPaths: value['seed-paths'] ?? ['seeds'],
    testPaths: value['test-paths'] ?? ['tests'],
    snapshotPaths: value['snapshot-paths'] ?? ['snapshots'],
    analysisPaths: value['analysis-paths'] ?? [],
    targetPath: value['target-path'] ?? 'target',
    cleanTargets: value['clean-targets'] ?? [value['target-path'] ?? 'target'],
    packagesInstallPath: value['packages-install-path'] ?? 'dbt_packages',
    vars: value.vars ?? {},
    models: tree('models'),
    seeds: tree('seeds'),
    tests: tree('tests'),
    snapshots: tree('snapshots'),
    packages: (value.packages ?? []).map(toPackageSpec),
    onRunStart: hookSpecs(value['on-run-start'], 'on-run-start', yaml),
    onRunEnd: hookSpecs(value['on-run-end'], 'on-run-end', yaml),
    dispatch: value.dispatch ?? [],
    requireTsmodelVersion: asOptionalList(value['require-tsmodel-version']),
  };
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
  if (errors.length > 0) return { packageLocations, errors: errors.sort(byPosition) };
  return { config, packageLocations, errors };
}

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

function unknownKeyErrors(yaml: YamlFile): TsmodelError[] {
  const raw = yaml.toJS();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  return Object.keys(raw)
    .filter((key) => !PROJECT_FILE_KEYS.includes(key))
    .map((key) => {
      const location = yaml.locate([key], true);
      return new TsmodelError({
        code: 'project-unknown-key',
        message: `unknown key '${key}' in ${PROJECT_FILE_NAME}`,
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

function hookSpecs(
  value: string | string[] | null | undefined,
  key: string,
  yaml: YamlFile,
): HookSpec[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string')
    return [{ sql: value, file: yaml.file, line: yaml.locate([key]).line }];
  return value.map((sql, i) => ({ sql, file: yaml.file, line: yaml.locate([key, i]).line }));
}

function asOptionalList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}
