import semver from 'semver';
import { TsmodelError } from '../diagnostics';
import { TSMODEL_VERSION } from '../compile/version';
import type { ProjectConfig } from './types';

/**
 * The dbt Core version whose project files, Jinja context and artifacts tsmodel follows.
 * `require-dbt-version` in a project or package is checked against it (dbt_utils 1.x asks for
 * `[">=1.3.0", "<2.0.0"]`). Raise it only with the features of that release.
 */
export const DBT_COMPATIBLE_VERSION = '1.10.0';

const DEV_VERSION = '0.0.0-dev';

/**
 * Checks `require-dbt-version` and `require-tsmodel-version` of every project. dbt's form: a
 * range or a list of ranges, all of which must hold. An unmet dbt range is a warning, as in dbt
 * (tsmodel is not dbt, and a package usually works); an unmet tsmodel range is an error — the
 * project says it needs another tsmodel — unless `--no-version-check`, which makes both silent.
 */
export function checkVersionRequirements(
  projects: Iterable<ProjectConfig>,
  versionCheck: boolean,
  running: { tsmodel: string } = { tsmodel: TSMODEL_VERSION },
): { errors: TsmodelError[]; warnings: TsmodelError[] } {
  const errors: TsmodelError[] = [];
  const warnings: TsmodelError[] = [];
  if (!versionCheck) return { errors, warnings };
  for (const project of projects) {
    const file = project.file;
    const dbt = unmet(project.requireDbtVersion, DBT_COMPATIBLE_VERSION);
    if (dbt) {
      warnings.push(
        new TsmodelError({
          code: 'dbt-version-unmet',
          message: `project '${project.name}' requires dbt ${dbt}; tsmodel ${TSMODEL_VERSION} follows dbt ${DBT_COMPATIBLE_VERSION}`,
          location: { file },
          hint: 'it may still work; pass --no-version-check to silence this',
        }),
      );
    }
    // A build from sources has no release version to judge.
    const own =
      running.tsmodel === DEV_VERSION
        ? undefined
        : unmet(project.requireTsmodelVersion, running.tsmodel);
    if (own) {
      errors.push(
        new TsmodelError({
          code: 'tsmodel-version-unmet',
          message: `project '${project.name}' requires tsmodel ${own}; this is tsmodel ${running.tsmodel}`,
          location: { file },
          hint: 'install a tsmodel that satisfies the range, or pass --no-version-check to try anyway',
        }),
      );
    }
  }
  return { errors, warnings };
}

/** The ranges as written when `version` does not satisfy all of them (or one does not parse). */
function unmet(ranges: string[] | undefined, version: string): string | undefined {
  if (!ranges || ranges.length === 0) return undefined;
  const ok = ranges.every((range) => {
    const parsed = semver.validRange(range.replace(/\s+/g, ' ').trim());
    return parsed !== null && semver.satisfies(version, parsed, { includePrerelease: true });
  });
  return ok ? undefined : ranges.map((r) => JSON.stringify(r)).join(', ');
}
