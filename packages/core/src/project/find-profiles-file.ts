import { existsSync } from 'node:fs';
import path from 'node:path';
import { CompileErrors, TsmodelError } from '../diagnostics';

export const PROFILES_FILE_NAME = 'profiles.yml';
export const PROFILES_DIR_ENV = 'TSMODEL_PROFILES_DIR';

export interface FindProfilesFileOptions {
  projectDir: string;
  /** `--profiles-dir`. */
  profilesDir?: string;
  env: Record<string, string | undefined>;
  homeDir: string;
}

/** dbt's variable for the same thing; tsmodel's own wins when both are set. */
export const DBT_PROFILES_DIR_ENV = 'DBT_PROFILES_DIR';

/** The folders searched after the explicit ones, in order: the project, ~/.tsmodel, ~/.dbt. */
export function defaultProfilesDirs(projectDir: string, homeDir: string): string[] {
  return [projectDir, path.join(homeDir, '.tsmodel'), path.join(homeDir, '.dbt')];
}

/**
 * Where profiles.yml is, in dbt's order: `--profiles-dir` > `TSMODEL_PROFILES_DIR` >
 * `DBT_PROFILES_DIR` > the project directory > `~/.tsmodel/` > `~/.dbt/` (a relative flag or
 * variable is relative to the working directory, as in dbt). A directory named explicitly
 * (flag or variable) must hold the file — silently falling back would connect somewhere the
 * user did not ask for. `undefined` means no file anywhere.
 */
export function findProfilesFile(options: FindProfilesFileOptions): string | undefined {
  const explicit: Array<[string | undefined, string]> = [
    [options.profilesDir, '--profiles-dir'],
    [options.env[PROFILES_DIR_ENV], PROFILES_DIR_ENV],
    [options.env[DBT_PROFILES_DIR_ENV], DBT_PROFILES_DIR_ENV],
  ];
  for (const [dir, source] of explicit) {
    if (dir === undefined || dir === '') continue;
    const file = path.resolve(dir, PROFILES_FILE_NAME);
    if (existsSync(file)) return file;
    throw new CompileErrors([
      new TsmodelError({
        code: 'profiles-missing',
        message: `no ${PROFILES_FILE_NAME} in ${path.dirname(file)} (from ${source})`,
        hint: `create ${file}, or point ${source} at the directory that holds ${PROFILES_FILE_NAME}`,
      }),
    ]);
  }
  for (const dir of defaultProfilesDirs(options.projectDir, options.homeDir)) {
    const file = path.join(dir, PROFILES_FILE_NAME);
    if (existsSync(file)) return file;
  }
  return undefined;
}
