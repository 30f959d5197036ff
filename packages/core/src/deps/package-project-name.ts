import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { TsmodelError, type SourceLocation } from '../diagnostics';
import { PROJECT_NAME_PATTERN } from '../project/project-file-schema';

/** The project files a package may hold, in the order dbt and tsmodel look for them. */
export const PACKAGE_PROJECT_FILES = ['dbt_project.yml', 'project.yml'] as const;

/**
 * The `name:` of the package in `dir` — the folder it is installed as, as in dbt. Only the
 * name is read here; the project loader reads the whole file when the package is used.
 */
export function packageProjectName(dir: string, shown: string, location: SourceLocation): string {
  const file = PACKAGE_PROJECT_FILES.map((name) => path.join(dir, name)).find(existsSync);
  if (!file) {
    throw new TsmodelError({
      code: 'package-not-a-project',
      message: `${shown} holds no ${PACKAGE_PROJECT_FILES.join(' or ')}`,
      location,
      hint: 'a package is a dbt project; for a repository holding one in a folder, set `subdirectory:`',
    });
  }
  let name: unknown;
  try {
    name = (parse(readFileSync(file, 'utf8')) as { name?: unknown } | null)?.name;
  } catch (error) {
    name = error;
  }
  if (typeof name !== 'string' || !PROJECT_NAME_PATTERN.test(name)) {
    throw new TsmodelError({
      code: 'package-not-a-project',
      message: `${path.basename(file)} of ${shown} has no valid \`name:\``,
      location,
      hint: 'a package needs a project name (letters, digits, underscores) to be installed by',
    });
  }
  return name;
}
