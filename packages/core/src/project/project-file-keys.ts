import { TsmodelError } from '../diagnostics';
import type { YamlFile } from '../yaml/yaml-file';

/**
 * dbt_project.yml keys tsmodel reads but does not act on yet, each with what that means for
 * the user. They are accepted — a dbt project must start unmodified — and named once in a
 * warning, so nobody believes a setting took effect when it did not.
 */
const NOT_YET_HONOURED: Record<string, string> = {
  'asset-paths': 'there is no docs site yet to copy assets into',
  'function-paths': 'user-defined functions are not built',
  'log-path': 'tsmodel writes no log files; use --log-format json to capture output',
  'query-comment': 'statements are sent without a comment',
  'restrict-access': 'groups and model access are not enforced',
  'dbt-cloud': 'dbt Cloud settings have no meaning here',
  sources: 'source configs (e.g. +enabled) in the project file are not applied',
  exposures: 'exposure configs are not applied',
  metrics: 'the semantic layer is not built',
  'semantic-models': 'the semantic layer is not built',
  'saved-queries': 'the semantic layer is not built',
  functions: 'user-defined functions are not built',
};

/** dbt 1.0 renamed these; the old spelling still works, with a warning naming the new one. */
export const RENAMED_KEYS: Record<string, string> = {
  'source-paths': 'model-paths',
  'data-paths': 'seed-paths',
  'modules-path': 'packages-install-path',
};

/**
 * `flags:` tsmodel honours (the same names as dbt's global flags). A flag set on the command
 * line or in the environment wins over the project file, as in dbt.
 */
export const HONOURED_FLAGS = new Set([
  'fail_fast',
  'use_colors',
  'partial_parse',
  'version_check',
  'indirect_selection',
  // tsmodel sends nothing anywhere: honoured whatever its value.
  'send_anonymous_usage_stats',
]);

/** One warning per key of the project file that is accepted but not acted on. */
export function unhonouredKeyWarnings(
  raw: Record<string, unknown>,
  yaml: YamlFile,
  fileName: string,
): TsmodelError[] {
  const warnings: TsmodelError[] = [];
  const warn = (code: string, at: Array<string | number>, message: string, hint: string) => {
    const location = yaml.locate(at, true);
    warnings.push(
      new TsmodelError({
        code,
        message,
        hint,
        location,
        excerpt: yaml.lineText(location.line),
      }),
    );
  };
  for (const [key, meaning] of Object.entries(NOT_YET_HONOURED)) {
    if (raw[key] === undefined || raw[key] === null) continue;
    warn(
      'project-key-not-honoured',
      [key],
      `'${key}' in ${fileName} is accepted but not used by tsmodel yet: ${meaning}`,
      'nothing to change for dbt compatibility; remove it to silence this warning',
    );
  }
  for (const [key, renamed] of Object.entries(RENAMED_KEYS)) {
    if (raw[key] === undefined) continue;
    warn(
      'project-key-renamed',
      [key],
      `'${key}' in ${fileName} was renamed to '${renamed}' in dbt 1.0; it is still read`,
      `rename it to ${renamed}`,
    );
  }
  const flags = raw.flags;
  if (typeof flags === 'object' && flags !== null) {
    const ignored = Object.keys(flags).filter((name) => !HONOURED_FLAGS.has(name));
    if (ignored.length > 0) {
      warn(
        'project-flags-not-honoured',
        ['flags', ignored[0]!],
        `flags in ${fileName} not used by tsmodel: ${ignored.join(', ')}`,
        `tsmodel honours ${[...HONOURED_FLAGS].join(', ')}`,
      );
    }
  }
  return warnings;
}
