import { TsmodelError } from '../diagnostics';
import type { YamlFile } from '../yaml/yaml-file';
import { didYouMean } from '../did-you-mean';
import { normaliseConfigKey } from './folder-config';
import {
  unknownConfigIsError,
  unknownConfigKeys,
  unknownConfigWarning,
  type ConfiguredResource,
} from './config-keys';
import type { FolderConfigTree } from './types';

/**
 * Config names that may be written without the `+` in `models:`/`seeds:`/… (dbt's legacy
 * form). Anything else without a `+` is a folder, so this list only has to name configs a user
 * could plausibly write bare; `+anything` is always accepted, custom configs included.
 */
export const KNOWN_FOLDER_CONFIGS: readonly string[] = [
  'materialized',
  'enabled',
  'schema',
  'database',
  'alias',
  'tags',
  'meta',
  'docs',
  'persist_docs',
  'full_refresh',
  'unique_key',
  'incremental_strategy',
  'on_schema_change',
  'incremental_predicates',
  'pre-hook',
  'post-hook',
  'pre_hook',
  'post_hook',
  'quoting',
  'column_types',
  'quote_columns',
  'delimiter',
  'grants',
  'contract',
  'group',
  'access',
  'sql_header',
  'sort',
  'dist',
  'sort_type',
  'bind',
  'transient',
  'cluster_by',
  'severity',
  'store_failures',
  'where',
  'limit',
  'warn_if',
  'error_if',
  'fail_calc',
  'strategy',
  'updated_at',
  'check_cols',
  'target_schema',
  'target_database',
  'invalidate_hard_deletes',
];

const KNOWN = new Set(KNOWN_FOLDER_CONFIGS);

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where {@link parseFolderConfigTree} reports, and which resource type its configs are for. */
export interface FolderConfigReport {
  type: ConfiguredResource;
  errors: TsmodelError[];
  /** Unknown `+key` configs: kept (they are selectable), but most are typos. */
  warnings: TsmodelError[];
}

/**
 * Turns one `models:`-style mapping into a FolderConfigTree: `+key` entries are configs, mapping
 * entries are sub-folders, bare known config names with a non-mapping value are configs too.
 * Problems are appended to `report`, located in `yaml` at `path`.
 */
export function parseFolderConfigTree(
  raw: unknown,
  path: ReadonlyArray<string | number>,
  yaml: YamlFile,
  report: FolderConfigReport,
): FolderConfigTree {
  const { errors } = report;
  const tree: FolderConfigTree = { configs: {}, children: {} };
  if (raw === undefined || raw === null) return tree;
  if (!isMapping(raw)) {
    const location = yaml.locate(path);
    errors.push(
      new TsmodelError({
        code: 'project-config',
        message: `${path.join('.')}: expected a mapping of folders and +configs`,
        location,
        excerpt: yaml.lineText(location.line),
        hint: 'write configs as `+materialized: table` and folders as nested mappings',
      }),
    );
    return tree;
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('+')) {
      const name = key.slice(1);
      tree.configs[normaliseConfigKey(name)] = value;
      if (unknownConfigKeys(report.type, { [name]: value }).length > 0) {
        const location = yaml.locate([...path, key], true);
        (unknownConfigIsError(report.type) ? errors : report.warnings).push(
          unknownConfigWarning(report.type, name, location, {
            excerpt: yaml.lineText(location.line),
          }),
        );
      }
    } else if (isMapping(value) || value === null) {
      tree.children[key] = parseFolderConfigTree(value, [...path, key], yaml, report);
    } else if (KNOWN.has(key)) {
      tree.configs[normaliseConfigKey(key)] = value;
    } else {
      const location = yaml.locate([...path, key], true);
      const suggestion = didYouMean(key, KNOWN_FOLDER_CONFIGS);
      errors.push(
        new TsmodelError({
          code: 'project-config',
          message: `${[...path, key].join('.')}: '${key}' is neither a folder (a mapping) nor a known config`,
          location,
          excerpt: yaml.lineText(location.line),
          hint: suggestion
            ? `${suggestion} Custom configs need a '+' prefix: '+${key}'`
            : `prefix config names with '+': '+${key}'`,
        }),
      );
    }
  }
  return tree;
}
