import { TsmodelError, type SourceLocation } from '../diagnostics';
import type { ManifestNode } from '../manifest/types';
import { YamlFile } from '../yaml/yaml-file';
import { columnTags } from './columns';
import { buildGenericTest, type TestContext, type TestTarget } from './generic-test';
import { reportDuplicates } from './duplicates';
import { buildMacroPatch, buildNodePatch, patchKeyOf } from './patches';
import { expandModelVersions } from './model-versions';
import { keptEntries, notUsedKeys } from './kept-entries';
import { propertiesFileSchema, tagList, type ColumnEntry, type NodeEntry } from './schema';
import { buildSourceNode } from './sources';
import type { NodePatch, ParsedProperties, PropertiesFileInput } from './types';
import { checkUnknownKeys } from './unknown-keys';
import { checkTimeSpine } from './time-spine';
import { isTemplated, renderEntry } from './yaml-rendering';
import { renderFailure } from './render-failure';
import {
  unknownConfigKeys,
  unknownConfigWarning,
  type ConfiguredResource,
} from '../project/config-keys';

type YamlPath = PropertyKey[];

/**
 * Reads one dbt-style properties file: source tables become nodes, `models:`/`seeds:`/
 * `snapshots:`/`macros:` entries become patches, and every `tests:`/`data_tests:` entry becomes
 * a generic test spec. Every problem in the file is collected, each with file:line:col; when
 * the file's shape is wrong nothing else is returned, so later errors do not pile on.
 */
export function parsePropertiesFile(input: PropertiesFileInput): ParsedProperties {
  const result: ParsedProperties = {
    sources: [],
    sourceLocations: new Map(),
    patches: new Map(),
    tests: [],
    problems: [],
    warnings: [],
    kept: [],
    notUsed: [],
    descriptions: [],
  };
  const file = input.displayPath ?? input.path;
  const { yaml, errors } = YamlFile.parse(input.text, file);
  if (!yaml) return { ...result, problems: errors };
  const unknownKeys = checkUnknownKeys(yaml, propertiesFileSchema);
  const { value, errors: schemaErrors } = yaml.validate(propertiesFileSchema);
  if (!value || unknownKeys.length > 0)
    return { ...result, problems: [...unknownKeys, ...schemaErrors] };

  const folders = foldersBelow(input.rootDir, input.path);
  const at = (path: YamlPath): SourceLocation => yaml.locate(path);
  const render = input.renderValue;
  const failed = (err: unknown, path: YamlPath) => {
    const location = at(path);
    result.problems.push(renderFailure(err, location, yaml.lineText(location.line)));
  };
  if (render && isTemplated(input.text)) {
    for (const section of ['models', 'seeds', 'snapshots', 'analyses', 'sources', 'macros'])
      for (const [i, entry] of (
        (value as Record<string, unknown[] | undefined>)[section] ?? []
      ).entries())
        renderEntry(section, entry as Record<string, unknown>, [section, i], render, failed);
    // A unit test's `config:` renders too (`tags: "{{ 'skip' if target.type == … }}"`); its
    // given/expect rows stay as written.
    for (const [i, entry] of (value.unit_tests ?? []).entries()) {
      const config = (entry as { config?: unknown }).config;
      if (config && typeof config === 'object')
        renderEntry('unit_tests', { config }, ['unit_tests', i], render, failed);
    }
  }
  /** Registers a description holding Jinja for rendering once the docs blocks are known. */
  const describe = (text: string | undefined, path: YamlPath, set: (v: string) => void) => {
    if (text === undefined || !isTemplated(text)) return;
    result.descriptions.push({ text, packageName: input.packageName, location: at(path), set });
  };
  const describeColumns = (
    columns: Record<string, { description: string }>,
    entries: ColumnEntry[] | undefined,
    path: YamlPath,
    columnPaths?: YamlPath[],
  ) => {
    for (const [c, column] of (entries ?? []).entries()) {
      const info = columns[column.name];
      if (info)
        describe(
          column.description,
          [...(columnPaths?.[c] ?? [...path, 'columns', c]), 'description'],
          (v) => {
            info.description = v;
          },
        );
    }
  };
  /** Warns about each unknown key of the `config:` mapping at `path` (a typo would be kept). */
  const checkConfig = (
    type: ConfiguredResource,
    config: Record<string, unknown> | undefined,
    path: YamlPath,
  ) => {
    if (!config) return;
    for (const key of unknownConfigKeys(type, config)) {
      const location = yaml.locate([...path, key], true);
      result.warnings.push(
        unknownConfigWarning(type, key, location, { excerpt: yaml.lineText(location.line) }),
      );
    }
  };
  const addTests = (
    list: unknown[] | undefined,
    listPath: YamlPath,
    target: TestTarget,
    column?: ColumnEntry,
  ) => {
    for (const [i, raw] of (list ?? []).entries()) {
      const location = at([...listPath, i]);
      const ctx: TestContext = {
        packageName: input.packageName,
        path: input.path,
        folders,
        location,
        excerpt: yaml.lineText(location.line),
        ...(render ? { renderConfig: render } : {}),
      };
      const testColumn = column
        ? { name: column.name, quote: column.quote === true, tags: columnTags(column) }
        : undefined;
      const { spec, problem } = buildGenericTest(raw, target, testColumn, ctx);
      if (spec) {
        result.tests.push(spec);
        describe(spec.description, [...listPath, i], (v) => {
          spec.description = v;
        });
      }
      if (spec) checkConfig('test', spec.config, [...listPath, i]);
      if (problem) result.problems.push(problem);
    }
  };
  const addAllTests = (
    entry: { tests?: unknown[]; data_tests?: unknown[]; columns?: ColumnEntry[] },
    path: YamlPath,
    target: TestTarget,
    /** Where each column is written, when not under `path` (a model version's columns). */
    columnPaths?: YamlPath[],
  ) => {
    addTests(entry.data_tests, [...path, 'data_tests'], target);
    addTests(entry.tests, [...path, 'tests'], target);
    for (const [c, column] of (entry.columns ?? []).entries()) {
      const at_ = columnPaths?.[c] ?? [...path, 'columns', c];
      addTests(column.data_tests, [...at_, 'data_tests'], target, column);
      addTests(column.tests, [...at_, 'tests'], target, column);
    }
  };

  /** Checks a model's `time_spine:` against its columns and keeps it on the patch. */
  const addTimeSpine = (
    entry: NodeEntry,
    columns: ColumnEntry[],
    path: YamlPath,
    patch: NodePatch,
  ) => {
    if (!entry.time_spine) return;
    const checked = checkTimeSpine(
      entry.name,
      entry.time_spine,
      columns,
      [...path, 'time_spine'],
      (p) => {
        const location = at(p);
        const excerpt = yaml.lineText(location.line);
        return { location, ...(excerpt !== undefined ? { excerpt } : {}) };
      },
    );
    result.problems.push(...checked.problems);
    if (checked.timeSpine) patch.time_spine = checked.timeSpine;
  };

  const sources: { node: ManifestNode; location: SourceLocation }[] = [];
  for (const [s, source] of (value.sources ?? []).entries()) {
    for (const [t, table] of (source.tables ?? []).entries()) {
      const path = ['sources', s, 'tables', t];
      if (t === 0) checkConfig('source', source.config, ['sources', s, 'config']);
      checkConfig('source', table.config, [...path, 'config']);
      const node = buildSourceNode(source, table, input.packageName, input.path, folders);
      if (node.loaded_at_field !== undefined && node.loaded_at_query !== undefined)
        result.problems.push(
          new TsmodelError({
            code: 'freshness-field-and-query',
            message: `source table '${source.name}.${table.name}' sets both loaded_at_field and loaded_at_query`,
            location: at(path),
            hint: 'keep one: loaded_at_field names the column, loaded_at_query is SQL returning the newest load time',
          }),
        );
      sources.push({ node, location: at(path) });
      describe(source.description, ['sources', s, 'description'], (v) => {
        node.source_description = v;
      });
      describe(table.description, [...path, 'description'], (v) => {
        node.description = v;
      });
      describeColumns(node.columns, table.columns, path);
      const tags = [...tagList(source.tags), ...tagList(table.tags)];
      addAllTests(table, path, {
        attached: { kind: 'source', name: table.name, sourceName: source.name },
        tags,
      });
    }
  }

  const patches: NodePatch[] = [];
  const nodeLists: ['model' | 'seed' | 'snapshot' | 'analysis', NodeEntry[] | undefined, string][] =
    [
      ['model', value.models, 'models'],
      ['seed', value.seeds, 'seeds'],
      ['snapshot', value.snapshots, 'snapshots'],
      ['analysis', value.analyses, 'analyses'],
    ];
  for (const [kind, entries, key] of nodeLists) {
    for (const [i, entry] of (entries ?? []).entries()) {
      checkConfig(kind, entry.config, [key, i, 'config']);
      if (kind === 'model' && entry.versions !== undefined) {
        const expanded = expandModelVersions(entry, [key, i], at);
        result.problems.push(...expanded.problems);
        for (const [j, expandedVersion] of expanded.versions.entries()) {
          const { entry: versioned, version, path, columnPaths, testsPath } = expandedVersion;
          const written = entry.versions[j]!;
          checkConfig(kind, written.config, [...path, 'config']);
          const patch = buildNodePatch(
            kind,
            versioned,
            input.packageName,
            input.path,
            at(path),
            version,
          );
          patches.push(patch);
          // dbt checks a versioned time spine against its latest version's columns.
          if (String(version.v) === String(version.latest))
            addTimeSpine(entry, versioned.columns ?? [], [key, i], patch);
          const descriptionPath =
            written.description !== undefined ? [...path, 'description'] : [key, i, 'description'];
          describe(versioned.description, descriptionPath, (v) => {
            patch.description = v;
          });
          describeColumns(patch.columns, versioned.columns, path, columnPaths);
          addAllTests(
            versioned,
            testsPath,
            { attached: { kind, name: entry.name, version: version.v }, tags: [] },
            columnPaths,
          );
        }
        continue;
      }
      const patch = buildNodePatch(kind, entry, input.packageName, input.path, at([key, i]));
      patches.push(patch);
      if (kind === 'model') addTimeSpine(entry, entry.columns ?? [], [key, i], patch);
      describe(entry.description, [key, i, 'description'], (v) => {
        patch.description = v;
      });
      describeColumns(patch.columns, entry.columns, [key, i]);
      if (kind !== 'analysis')
        addAllTests(entry, [key, i], { attached: { kind, name: entry.name }, tags: [] });
    }
  }
  for (const [i, entry] of (value.macros ?? []).entries()) {
    const patch = buildMacroPatch(entry, input.packageName, input.path, at(['macros', i]));
    patches.push(patch);
    describe(entry.description, ['macros', i, 'description'], (v) => {
      patch.description = v;
    });
    for (const [a, argument] of (entry.arguments ?? []).entries())
      describe(argument.description, ['macros', i, 'arguments', a, 'description'], (v) => {
        patch.arguments![a]!.description = v;
      });
  }
  const kept = keptEntries(value, input.packageName, input.path, at, folders);
  result.kept = kept.entries;
  result.problems.push(...kept.problems);
  result.notUsed = notUsedKeys(value, (path) => yaml.locate(path, true));

  const unique = reportDuplicates(sources, patches, result.tests, result.problems);
  for (const { node, location } of unique.sources) {
    result.sources.push(node);
    result.sourceLocations.set(node.unique_id, location);
  }
  for (const patch of unique.patches) result.patches.set(patchKeyOf(patch), patch);
  result.tests = unique.tests;
  return result;
}

/** `models`, `models/staging/schema.yml` → `['staging']`. */
function foldersBelow(rootDir: string, path: string): string[] {
  const root = rootDir.replace(/\\/g, '/').replace(/^\.\/|\/+$/g, '');
  const rel = path.replace(/\\/g, '/').replace(/^\.\//, '');
  const inside = root && rel.startsWith(`${root}/`) ? rel.slice(root.length + 1) : rel;
  return inside
    .split('/')
    .slice(0, -1)
    .filter((part) => part !== '' && part !== '.');
}
