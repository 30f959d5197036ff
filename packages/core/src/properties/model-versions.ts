import { TsmodelError, type SourceLocation } from '../diagnostics';
import {
  tagList,
  type ColumnEntry,
  type ModelVersionEntry,
  type NodeEntry,
  type VersionColumnEntry,
} from './schema';
import type { PatchVersion } from './types';

type YamlPath = PropertyKey[];

/** One version of a versioned model entry, as if it had been written as its own entry. */
export interface ExpandedVersion {
  /** The model entry with the version's docs, config, columns and tests in place. */
  entry: NodeEntry;
  version: PatchVersion;
  /** Where the version is written: its patch's location. */
  path: YamlPath;
  /** Where each of `entry.columns` is written (a top-level column or the version's own). */
  columnPaths: YamlPath[];
  /** Where `entry.tests` / `entry.data_tests` are written: the version's or the model's. */
  testsPath: YamlPath;
}

/**
 * dbt's model versions: one entry per `versions:` item, named like the model, built from the
 * file `defined_in` (default `<name>_v<v>`). A version inherits the model's description,
 * config (its own keys win), tests and columns — all top-level columns, or those its
 * `include:`/`exclude:` item names — and adds its own columns. `latest_version` defaults to the
 * greatest version: numerically when every `v` is a number, else alphabetically.
 */
export function expandModelVersions(
  entry: NodeEntry,
  path: YamlPath,
  at: (path: YamlPath) => SourceLocation,
): { versions: ExpandedVersion[]; problems: TsmodelError[] } {
  const problems: TsmodelError[] = [];
  const list = entry.versions ?? [];
  const seen = new Set<string>();
  for (const [j, version] of list.entries()) {
    const key = String(version.v);
    if (seen.has(key))
      problems.push(
        located(
          at([...path, 'versions', j, 'v']),
          `model '${entry.name}' lists version ${key} twice`,
          'give each version its own `v:`',
        ),
      );
    seen.add(key);
  }
  const latest = latestVersion(entry, list);
  if (latest === undefined) {
    problems.push(
      located(
        at([...path, 'latest_version']),
        `latest_version ${String(entry.latest_version)} of model '${entry.name}' is not one of its versions (${[...seen].join(', ')})`,
        'set latest_version to one of the `v:` values, or remove it (the greatest version is then the latest)',
      ),
    );
    return { versions: [], problems };
  }
  const versions: ExpandedVersion[] = [];
  for (const [j, version] of list.entries()) {
    const at_ = [...path, 'versions', j];
    const columns = versionColumns(entry, version, path, at_, at, problems);
    const ownTests = version.tests !== undefined || version.data_tests !== undefined;
    const tags = [...tagList(entry.tags), ...tagList(version.tags)];
    const merged: NodeEntry = {
      name: entry.name,
      description: version.description ?? entry.description,
      config: { ...entry.config, ...version.config },
      ...((version.docs ?? entry.docs) ? { docs: version.docs ?? entry.docs } : {}),
      ...((version.meta ?? entry.meta) ? { meta: { ...entry.meta, ...version.meta } } : {}),
      ...(tags.length > 0 ? { tags: [...new Set(tags)] } : {}),
      columns: columns.map((c) => c.column),
      ...(ownTests
        ? { tests: version.tests, data_tests: version.data_tests }
        : { tests: entry.tests, data_tests: entry.data_tests }),
      ...governance(entry, version),
    };
    const deprecationDate = dateText(version.deprecation_date);
    versions.push({
      entry: merged,
      version: {
        v: version.v,
        latest,
        definedIn: version.defined_in ?? `${entry.name}_v${String(version.v)}`,
        ...(deprecationDate !== undefined ? { deprecationDate } : {}),
      },
      path: at_,
      columnPaths: columns.map((c) => c.path),
      testsPath: ownTests ? at_ : path,
    });
  }
  return { versions, problems };
}

/** `deprecation_date` as text (YAML may have read `2025-06-30` as a date). */
export function dateText(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? value.toISOString().replace('T00:00:00.000Z', '') : value;
}

function latestVersion(entry: NodeEntry, list: ModelVersionEntry[]): string | number | undefined {
  if (entry.latest_version !== undefined)
    return list.find((v) => String(v.v) === String(entry.latest_version))?.v;
  const values = list.map((v) => v.v);
  if (values.every((v) => typeof v === 'number')) return Math.max(...(values as number[]));
  return values.map(String).sort().at(-1);
}

/** The version's columns: the included top-level ones, then its own (which replace namesakes). */
function versionColumns(
  entry: NodeEntry,
  version: ModelVersionEntry,
  modelPath: YamlPath,
  versionPath: YamlPath,
  at: (path: YamlPath) => SourceLocation,
  problems: TsmodelError[],
): Array<{ column: ColumnEntry; path: YamlPath }> {
  const top = (entry.columns ?? []).map((column, c) => ({
    column,
    path: [...modelPath, 'columns', c],
  }));
  const own: Array<{ column: ColumnEntry; path: YamlPath }> = [];
  let include: string[] | 'all' = 'all';
  let exclude: string[] = [];
  for (const [c, item] of (version.columns ?? []).entries()) {
    const path = [...versionPath, 'columns', c];
    if (item.include !== undefined || item.exclude !== undefined) {
      include = includeList(item);
      exclude = item.exclude ?? [];
      const known = new Set(top.map((t) => t.column.name));
      for (const name of [...(include === 'all' ? [] : include), ...exclude])
        if (!known.has(name))
          problems.push(
            located(
              at(path),
              `version ${String(version.v)} of model '${entry.name}' includes or excludes column '${name}', which the model's columns do not list`,
              `list '${name}' under the model's top-level columns, or remove it here`,
            ),
          );
    } else if (item.name !== undefined) own.push({ column: item as ColumnEntry, path });
    else
      problems.push(
        located(
          at(path),
          'a column needs a `name`, or `include:`/`exclude:`',
          'add `name: <column>`',
        ),
      );
  }
  const ownNames = new Set(own.map((o) => o.column.name));
  const kept = top.filter(
    (t) =>
      (include === 'all' || include.includes(t.column.name)) &&
      !exclude.includes(t.column.name) &&
      !ownNames.has(t.column.name),
  );
  return [...kept, ...own];
}

function includeList(item: VersionColumnEntry): string[] | 'all' {
  const include = item.include ?? 'all';
  if (typeof include === 'string') return include === 'all' || include === '*' ? 'all' : [include];
  return include;
}

function governance(entry: NodeEntry, version: ModelVersionEntry): Partial<NodeEntry> {
  const found: Partial<NodeEntry> = {};
  for (const key of ['access', 'group', 'constraints'] as const) {
    const value = version[key] ?? entry[key];
    if (value !== undefined) Object.assign(found, { [key]: value });
  }
  return found;
}

function located(location: SourceLocation, message: string, hint: string): TsmodelError {
  return new TsmodelError({ code: 'model-version', message, location, hint });
}
