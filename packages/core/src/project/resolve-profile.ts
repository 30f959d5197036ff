import { homedir } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { CompileErrors, TsmodelError } from '../diagnostics';
import { DUCKDB_IN_MEMORY, duckdbCatalogName } from '../adapter/dialects/duckdb-catalog-name';
import { YamlFile } from '../yaml/yaml-file';
import { EnvVarRenderer } from './env-var-renderer';
import { defaultProfilesDirs, findProfilesFile } from './find-profiles-file';
import type { ProjectConfig, ResolvedProfile, TargetConfig } from './types';

export interface ResolveProfileOptions {
  project: ProjectConfig;
  /** `--profiles-dir`. */
  profilesDir?: string;
  /** `--target`; overrides the profile's `target:`. */
  target?: string;
  /** `--profile`; overrides the project file's `profile:`. */
  profile?: string;
  /** Environment for `TSMODEL_PROFILES_DIR` and `env_var()`; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Home directory for `~/.tsmodel/profiles.yml`; defaults to the user's. */
  homeDir?: string;
}

/** Top-level key of profiles.yml that holds global settings in dbt, not a profile. */
const CONFIG_KEY = 'config';

const profileSchema = z.object({
  target: z.string().optional(),
  outputs: z.record(z.string(), z.unknown()),
});

/** Keys every adapter understands; everything else in an output is adapter-specific and passes through. */
const outputSchema = z.looseObject({
  type: z.string().min(1),
  schema: z.string().optional(),
  database: z.string().optional(),
  threads: z.union([z.number(), z.string()]).optional(),
});

const DEFAULT_THREADS = 4;

/**
 * The connection target for a run: the project's profile from profiles.yml (found by
 * {@link findProfilesFile}), its `target:` or `--target` output, with `env_var()` rendered.
 * Without any profiles.yml, the embedded default: a DuckDB file under the target path.
 * Every problem is thrown as one CompileErrors.
 */
export function resolveProfile(options: ResolveProfileOptions): ResolvedProfile {
  const { project } = options;
  const env = options.env ?? process.env;
  const named = options.profile ?? project.profile;
  const profileName = named ?? project.name;
  const homeDir = options.homeDir ?? homedir();
  const file = findProfilesFile({
    projectDir: project.rootDir,
    profilesDir: options.profilesDir,
    env,
    homeDir,
  });
  if (file === undefined) {
    // Only a project that asks for no profile gets the embedded default: a named profile or
    // --target that cannot be found must never quietly become a local DuckDB file.
    const searched = defaultProfilesDirs(project.rootDir, homeDir)
      .map((dir) => showPath(project.rootDir, path.join(dir, 'profiles.yml')))
      .join(', ');
    if (named !== undefined) {
      throw new CompileErrors([
        new TsmodelError({
          code: 'profile-not-found',
          message: `profile '${profileName}' (from ${options.profile !== undefined ? '--profile' : path.basename(project.file)}) not found: no profiles.yml in ${searched}`,
          location: { file: path.basename(project.file) },
          hint: `create profiles.yml in one of those folders (or pass --profiles-dir / set DBT_PROFILES_DIR), or remove \`profile:\` from ${path.basename(project.file)} to use the embedded DuckDB default`,
        }),
      ]);
    }
    if (options.target !== undefined) throw targetWithoutProfile(options.target, searched);
    return { target: embeddedDefault(project, profileName) };
  }

  const shown = showPath(project.rootDir, file);
  const { yaml, errors: syntaxErrors } = YamlFile.parse(readFileSync(file, 'utf8'), shown);
  if (!yaml) throw new CompileErrors(syntaxErrors);
  const raw = yaml.toJS();
  const profiles =
    typeof raw === 'object' && raw !== null ? Object.keys(raw).filter((k) => k !== CONFIG_KEY) : [];
  if (!profiles.includes(profileName)) {
    if (named === undefined) {
      if (options.target !== undefined) throw targetWithoutProfile(options.target, shown);
      return { target: embeddedDefault(project, profileName) };
    }
    throw new CompileErrors([
      new TsmodelError({
        code: 'profile-not-found',
        message: `profile '${profileName}' (from ${options.profile !== undefined ? '--profile' : path.basename(project.file)}) is not in ${shown}`,
        location: { file: shown },
        hint: profiles.length
          ? `profiles there: ${profiles.join(', ')}`
          : `${shown} defines no profiles`,
      }),
    ]);
  }

  const errors: TsmodelError[] = [];
  const renderer = new EnvVarRenderer(env, true);
  const fail = (message: string, hint: string, at: ReadonlyArray<string | number>) => {
    const location = yaml.locate(at, true);
    errors.push(
      new TsmodelError({
        code: 'profile-invalid',
        message,
        hint,
        location,
        excerpt: yaml.lineText(location.line),
      }),
    );
    return new CompileErrors(errors);
  };

  const profile = yaml.validate(z.looseObject({ [profileName]: profileSchema }));
  if (!profile.value) throw new CompileErrors(profile.errors);
  const { outputs, target: declaredTarget } = profile.value[profileName] as z.infer<
    typeof profileSchema
  >;
  const available = Object.keys(outputs);
  const renderedTarget =
    declaredTarget === undefined
      ? undefined
      : (renderer.renderTree(declaredTarget, [profileName, 'target'], yaml, errors) as string);
  if (errors.length > 0) throw new CompileErrors(errors);
  const targetName =
    options.target ?? renderedTarget ?? (available.length === 1 ? available[0] : undefined);
  if (targetName === undefined) {
    throw fail(
      `profile '${profileName}' has no target:`,
      `add \`target: <name>\` or pass --target (outputs: ${available.join(', ')})`,
      [profileName],
    );
  }
  if (!available.includes(targetName)) {
    const from = options.target !== undefined ? '--target' : `${profileName}.target`;
    throw fail(
      `target '${targetName}' (from ${from}) is not an output of profile '${profileName}'`,
      `available targets: ${available.join(', ') || '(none)'}`,
      options.target !== undefined ? [profileName, 'outputs'] : [profileName, 'target'],
    );
  }

  const outputPath = [profileName, 'outputs', targetName];
  const output = yaml.validate(
    z.looseObject({
      [profileName]: z.looseObject({ outputs: z.looseObject({ [targetName]: outputSchema }) }),
    }),
  );
  if (!output.value) throw new CompileErrors(output.errors);
  const rendered = renderer.renderTree(outputs[targetName], outputPath, yaml, errors) as z.infer<
    typeof outputSchema
  >;
  if (errors.length > 0) throw new CompileErrors(errors);

  const threads = rendered.threads === undefined ? DEFAULT_THREADS : Number(rendered.threads);
  if (!Number.isInteger(threads) || threads < 1) {
    fail(
      `threads must be a positive integer, got ${JSON.stringify(rendered.threads)}`,
      'set threads: 4 (or any whole number ≥ 1)',
      [...outputPath, 'threads'],
    );
  }
  const schema = rendered.schema ?? (rendered.type === 'duckdb' ? 'main' : undefined);
  if (schema === undefined) {
    fail(
      `target '${targetName}' has no schema`,
      'add `schema: <name>`: models are built there unless they set their own',
      outputPath,
    );
  }
  const database = rendered.type === 'duckdb' ? duckdbCatalogName(pathOf(rendered)) : undefined;
  if (database !== undefined && rendered.database !== undefined && rendered.database !== database) {
    fail(
      `database '${rendered.database}' does not match path '${pathOf(rendered) ?? DUCKDB_IN_MEMORY}': DuckDB names that database '${database}'`,
      `set database: ${database}, or remove database: (it follows the path)`,
      [...outputPath, 'database'],
    );
  }
  if (errors.length > 0) throw new CompileErrors(errors);
  const target: TargetConfig = {
    ...rendered,
    name: targetName,
    profile_name: profileName,
    schema: schema!,
    ...(database !== undefined ? { database } : {}),
    threads,
  };
  return { target, profilesFile: file };
}

/**
 * DuckDB in `<project>.duckdb` beside the project file, as dbt-duckdb users keep theirs: data
 * never lives under the target path, which `tsmodel clean` deletes. A database left at the
 * old default (`target/<project>.duckdb`, before 0.2) is not silently replaced by an empty
 * new one: that is an error saying how to move it.
 */
function embeddedDefault(project: ProjectConfig, profileName: string): TargetConfig {
  const file = path.join(project.rootDir, `${project.name}.duckdb`);
  const old = path.join(project.rootDir, project.targetPath, `${project.name}.duckdb`);
  if (!existsSync(file) && existsSync(old)) {
    const shown = (p: string) => showPath(project.rootDir, p);
    throw new CompileErrors([
      new TsmodelError({
        code: 'embedded-database-moved',
        message: `the embedded database is now ${shown(file)}, beside ${path.basename(project.file)}; a database is still at the old place, ${shown(old)}`,
        location: { file: shown(old) },
        hint: `move it out of the target folder (which \`tsmodel clean\` deletes): mv ${shown(old)} ${shown(file)}`,
      }),
    ]);
  }
  return {
    type: 'duckdb',
    name: 'default',
    profile_name: profileName,
    schema: 'main',
    database: duckdbCatalogName(file),
    threads: DEFAULT_THREADS,
    path: file,
  };
}

/** A DuckDB target's `path:`, as written (the adapter resolves a relative one). */
function pathOf(output: Record<string, unknown>): string | undefined {
  return typeof output.path === 'string' ? output.path : undefined;
}

function targetWithoutProfile(target: string, searched: string): CompileErrors {
  return new CompileErrors([
    new TsmodelError({
      code: 'target-without-profile',
      message: `--target ${target}: the project names no profile and none was found in ${searched}, so there are no targets to choose from`,
      hint: 'add `profile: <name>` to the project file and that profile to profiles.yml, or drop --target to use the embedded DuckDB default',
    }),
  ]);
}

/** Inside the project: relative (like other files in messages); elsewhere (e.g. ~/.tsmodel): absolute. */
function showPath(projectDir: string, file: string): string {
  const relative = path.relative(projectDir, file);
  return relative.startsWith('..') || path.isAbsolute(relative)
    ? file
    : relative.split(path.sep).join('/');
}
