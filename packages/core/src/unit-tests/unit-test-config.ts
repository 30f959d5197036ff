import { TsmodelError, type SourceLocation } from '../diagnostics';
import { folderConfig, mergeConfigs } from '../project/folder-config';
import { unknownConfigKeys, unknownConfigWarning } from '../project/config-keys';
import type { LoadedProject } from '../project/types';
import { tagList } from '../properties/schema';

/** A unit test's configs after the project file's `unit_tests:` and its own `config:`. */
export interface UnitTestConfig {
  enabled: boolean;
  tags: string[];
  meta: Record<string, unknown>;
}

/**
 * What dbt_project.yml's `unit_tests:` gives the unit test of package `pkg` whose fqn is `fqn`
 * (`[pkg, ...folders, model, test]`): the package's own file first, then the root project's,
 * which wins — the same layering as the other resource types. The fqn below the package name
 * is the path, so `+tags` may sit on a folder, a model or one test, as in dbt.
 */
export function unitTestProjectConfig(
  project: LoadedProject,
  pkg: string,
  fqn: readonly string[],
): Record<string, unknown> {
  const own = project.projects.get(pkg);
  const path = fqn.slice(1);
  const ownLayer = own ? folderConfig(own.unitTests, pkg, path) : {};
  if (!own || own === project.root) return ownLayer;
  return mergeConfigs(ownLayer, folderConfig(project.root.unitTests, pkg, path));
}

/**
 * The unit test's `config:` over its project-file configs. Tags add up and `meta` merges key
 * by key, as dbt merges them; `enabled` of the entry wins. A key other than dbt's three is an
 * error: dbt would keep it, without effect, and say nothing.
 */
export function resolveUnitTestConfig(
  fromProject: Record<string, unknown>,
  own: Record<string, unknown>,
  location: SourceLocation,
  testName: string,
): UnitTestConfig {
  const unknown = unknownConfigKeys('unit_test', own);
  if (unknown.length > 0) {
    const warning = unknownConfigWarning('unit_test', unknown[0]!, location);
    throw new TsmodelError({
      code: 'unit-test',
      message: `unit test '${testName}' has ${warning.message}; a unit test's configs are tags, meta and enabled`,
      location,
      ...(warning.hint !== undefined ? { hint: warning.hint } : {}),
    });
  }
  const merged = mergeConfigs(fromProject, own);
  const meta = merged.meta ?? {};
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
    throw new TsmodelError({
      code: 'unit-test',
      message: `unit test '${testName}' has a \`config.meta:\` that is not a mapping`,
      location,
      hint: 'write meta: {key: value}',
    });
  // A templated project-file value (`+enabled: "{{ var('x') }}"`) renders to text.
  const enabled =
    typeof merged.enabled === 'string' && /^(true|false)$/i.test(merged.enabled)
      ? merged.enabled.toLowerCase() === 'true'
      : (merged.enabled ?? true);
  if (typeof enabled !== 'boolean')
    throw new TsmodelError({
      code: 'unit-test',
      message: `unit test '${testName}' has \`enabled: ${JSON.stringify(enabled)}\`, which is not true or false`,
      location,
      hint: 'write enabled: true or enabled: false',
    });
  return {
    enabled,
    tags: tagList(merged.tags as string | string[] | undefined),
    meta: meta as Record<string, unknown>,
  };
}
