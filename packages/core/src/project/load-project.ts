import { realpathSync } from 'node:fs';
import path from 'node:path';
import { CompileErrors, TsmodelError, type SourceLocation } from '../diagnostics';
import { installedPackages } from '../deps/installed-packages';
import { parseCliVars } from './cli-vars';
import { EnvVarRenderer } from './env-var-renderer';
import { resolvePackage } from './package-resolver';
import { displayPath, PROJECT_FILE_NAME, readProjectFile } from './read-project-file';
import { loadSelectors } from './selectors';
import { checkVersionRequirements } from './version-requirements';
import type { LoadedProject, ProjectConfig } from './types';

export interface LoadProjectOptions {
  /** Directory holding the root project.yml (`--project-dir`, else the working directory). */
  projectDir: string;
  /** The raw `--vars` flag, YAML or JSON. */
  cliVars?: string;
  /** Environment for `env_var()` in project.yml; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * `--target-path`: where artifacts go, relative to the project. It and
   * `$TSMODEL_TARGET_PATH` override project.yml's `target-path` (and `clean-targets` when
   * that follows the target path), like dbt's `--target-path` and `DBT_TARGET_PATH`.
   */
  targetPath?: string;
  /**
   * `--no-version-check` (false) skips `require-dbt-version` / `require-tsmodel-version`;
   * unset, the project file's `flags: {version_check: …}` decides, else true.
   */
  versionCheck?: boolean;
}

/**
 * Loads the root project.yml, every package it pulls in (recursively, each project once), its
 * selectors.yml and the `--vars` flag. Problems in all files are collected and thrown together
 * as one CompileErrors, so a user fixes them in one pass.
 */
export function loadProject(options: LoadProjectOptions): LoadedProject {
  const rootDir = path.resolve(options.projectDir);
  const renderer = new EnvVarRenderer(options.env ?? process.env);
  const errors: TsmodelError[] = [];
  const warnings: TsmodelError[] = [];
  const { vars: cliVars, errors: varErrors } = parseCliVars(options.cliVars);
  errors.push(...varErrors);

  const rootRead = readProjectFile(rootDir, rootDir, renderer);
  errors.push(...rootRead.errors);
  warnings.push(...rootRead.warnings);
  const root = rootRead.config;
  if (!root) throw new CompileErrors(errors);
  const env = options.env ?? process.env;
  const targetPath = options.targetPath || env.TSMODEL_TARGET_PATH || env.DBT_TARGET_PATH;
  if (targetPath) {
    if (root.cleanTargets.length === 1 && root.cleanTargets[0] === root.targetPath)
      root.cleanTargets = [targetPath];
    root.targetPath = targetPath;
  }

  const rootRealDir = realpathSync(root.rootDir);
  const projects = new Map<string, ProjectConfig>([[root.name, root]]);
  const queue = [{ project: root, locations: rootRead.packageLocations }];
  /** Loads the package in `dir` (once), brought in by the entry at `location`. */
  const addPackage = (dir: string, location: SourceLocation) => {
    if (dir === rootRealDir || [...projects.values()].some((p) => p.rootDir === dir)) return;
    const read = readProjectFile(dir, rootDir, renderer);
    errors.push(...read.errors);
    warnings.push(...read.warnings);
    if (!read.config) return;
    const clash = projects.get(read.config.name);
    if (clash) {
      errors.push(
        new TsmodelError({
          code: 'package-name-clash',
          message: `two projects are named '${read.config.name}': ${displayPath(rootDir, clash.file)} and ${displayPath(rootDir, read.config.file)}`,
          hint: `project names must be unique across packages; rename one in its ${PROJECT_FILE_NAME} or remove the duplicate package`,
          location,
        }),
      );
      return;
    }
    projects.set(read.config.name, read.config);
    queue.push({ project: read.config, locations: read.packageLocations });
  };

  // dbt packages (packages.yml, installed by `tsmodel deps`) first, then npm/local packages.
  const installed = installedPackages(root, options.env ?? process.env);
  errors.push(...installed.errors);
  for (const { dir } of installed.packages) {
    addPackage(realpathSync(dir), { file: displayPath(rootDir, dir) });
  }
  for (let item = queue.shift(); item; item = queue.shift()) {
    const { project, locations } = item;
    project.packages.forEach((spec, i) => {
      const location = locations[i]!;
      const resolved = resolvePackage(spec, project.rootDir);
      if (!resolved.ok) {
        errors.push(
          new TsmodelError({
            code: 'package-not-found',
            message: resolved.message,
            hint: resolved.hint,
            location,
          }),
        );
        return;
      }
      addPackage(resolved.dir, location);
    });
  }

  let selectors: LoadedProject['selectors'] = [];
  try {
    selectors = loadSelectors(root);
  } catch (error) {
    if (!(error instanceof CompileErrors)) throw error;
    errors.push(...error.problems);
  }
  const versionCheck = options.versionCheck ?? root.flags.version_check !== false;
  const versions = checkVersionRequirements(projects.values(), versionCheck);
  errors.push(...versions.errors);
  warnings.push(...versions.warnings);
  if (errors.length > 0) throw new CompileErrors(errors);
  return { root, projects, selectors, cliVars, warnings };
}
