import { TsmodelError, type SourceLocation } from '../diagnostics';
import type { PropertiesEntry } from '../manifest/types';
import { KEPT_SECTIONS, type KeptSection, type PropertiesFile } from './schema';

type YamlPath = PropertyKey[];

/** dbt's resource type of each kept section's entries (`exposure.<pkg>.<name>`). */
const RESOURCE_TYPE: Record<KeptSection, string> = {
  exposures: 'exposure',
  metrics: 'metric',
  semantic_models: 'semantic_model',
  saved_queries: 'saved_query',
  groups: 'group',
  unit_tests: 'unit_test',
};

/** What tsmodel does not do with each key it accepts, said once per project in a warning. */
const NOT_USED: Record<string, string> = {
  exposures: 'exposures are kept in the manifest, nothing is built from them',
  metrics: 'the semantic layer is not built',
  semantic_models: 'the semantic layer is not built',
  saved_queries: 'the semantic layer is not built',
  groups: 'groups are kept in the manifest, model access is not enforced',
  access: 'model access is not enforced',
  group: 'model access is not enforced',
};

/**
 * The entries of the sections tsmodel keeps as written (exposures, metrics, semantic models,
 * saved queries, groups) or builds later (unit tests, which need the models), each with dbt's
 * unique_id; an entry without a name is a problem at the entry.
 */
export function keptEntries(
  file: PropertiesFile,
  packageName: string,
  path: string,
  at: (path: YamlPath) => SourceLocation,
  /** Folders between the resource folder and the file, for unit tests' `fqn`. */
  folders: readonly string[] = [],
): {
  entries: Array<{ section: KeptSection; entry: PropertiesEntry; location: SourceLocation }>;
  problems: TsmodelError[];
} {
  const entries: Array<{ section: KeptSection; entry: PropertiesEntry; location: SourceLocation }> =
    [];
  const problems: TsmodelError[] = [];
  for (const section of KEPT_SECTIONS) {
    const type = RESOURCE_TYPE[section];
    for (const [i, raw] of (file[section] ?? []).entries()) {
      const location = at([section, i]);
      const { name } = raw;
      if (typeof name !== 'string' || name === '') {
        problems.push(
          new TsmodelError({
            code: 'yaml-schema',
            message: `${section}.${i}.name: ${article(type)} ${type.replace('_', ' ')} needs a \`name\``,
            location,
            hint: 'add `name: <identifier>` to the entry',
          }),
        );
        continue;
      }
      // dbt names unit tests within their model: unit_test.<pkg>.<model>.<name>.
      const model = section === 'unit_tests' && typeof raw.model === 'string' ? raw.model : '';
      entries.push({
        section,
        location,
        entry: {
          ...raw,
          unique_id: `${type}.${packageName}.${model ? `${model}.` : ''}${name}`,
          name,
          resource_type: type,
          package_name: packageName,
          original_file_path: path,
          ...(model
            ? {
                fqn: [packageName, ...folders, model, name],
                path: [...folders, path.split('/').pop()!].join('/'),
              }
            : {}),
        },
      });
    }
  }
  return { entries, problems };
}

/** Every key of `file` that tsmodel accepts without acting on it, at its first occurrence. */
export function notUsedKeys(
  file: PropertiesFile,
  locate: (path: YamlPath) => SourceLocation,
): Array<{ key: string; meaning: string; location: SourceLocation }> {
  const found = new Map<string, SourceLocation>();
  const note = (key: string, path: YamlPath) => {
    if (!found.has(key)) found.set(key, locate(path));
  };
  for (const section of KEPT_SECTIONS)
    if (section !== 'unit_tests' && file[section]?.length) note(section, [section]);
  for (const [i, model] of (file.models ?? []).entries()) {
    for (const key of ['access', 'group'] as const)
      if (model[key] !== undefined) note(key, ['models', i, key]);
  }
  return [...found].map(([key, location]) => ({ key, meaning: NOT_USED[key]!, location }));
}

/** The warning for a key accepted but not used, named once for the whole project. */
export function notUsedWarning(
  key: string,
  meaning: string,
  location: SourceLocation,
): TsmodelError {
  return new TsmodelError({
    code: 'properties-key-not-used',
    message: `'${key}' in properties files is accepted but not used by tsmodel yet: ${meaning}`,
    location,
    hint: 'nothing to change for dbt compatibility; this is said once per project',
  });
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
