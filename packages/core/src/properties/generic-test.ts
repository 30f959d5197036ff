import type { SourceLocation, TsmodelError } from '../diagnostics';
import type { TestMetadata } from '../manifest/types';
import { buildTestRawCode } from './test-raw-code';
import { readTestDefinition } from './test-definition';
import { synthesizeTestNames, testUniqueId } from './test-naming';
import type { GenericTestSpec, TestAttachment } from './types';
import type { YamlValueRenderer } from './yaml-rendering';

/** The node a `tests:` list sits on, and what its tests inherit from it. */
export interface TestTarget {
  attached: TestAttachment;
  /** Tags dbt copies onto the tests (source and table tags for source tests). */
  tags: string[];
}

/** The column a `tests:` list sits under, when it does. */
export interface TestColumn {
  name: string;
  quote: boolean;
  tags: string[];
}

export interface TestContext {
  packageName: string;
  /** YAML path relative to the package root. */
  path: string;
  /** Folders between the resource root and the YAML file, for the fqn. */
  folders: string[];
  location: SourceLocation;
  excerpt?: string;
  /** Renders templated test config values (see `readTestDefinition`). */
  renderConfig?: YamlValueRenderer;
}

/** Turns one entry of a `tests:` list into a named, hashed test spec (or a located problem). */
export function buildGenericTest(
  raw: unknown,
  target: TestTarget,
  column: TestColumn | undefined,
  ctx: TestContext,
): { spec?: GenericTestSpec; problem?: TsmodelError } {
  const columnName = column
    ? column.quote
      ? `"${column.name.replace(/"/g, '""')}"`
      : column.name
    : undefined;
  const { definition, problem } = readTestDefinition(
    raw,
    columnName,
    ctx.location,
    ctx.excerpt,
    ctx.renderConfig,
  );
  if (!definition) return { problem };
  const { attached } = target;
  const isSource = attached.kind === 'source';
  // dbt pins a versioned model's tests to their version: ref('m', version='2').
  const pin = attached.version === undefined ? '' : `, version=${quote(String(attached.version))}`;
  const modelExpression = isSource
    ? `source(${quote(attached.sourceName!)}, ${quote(attached.name)})`
    : `ref(${quote(attached.name)}${pin})`;
  const dbtTarget = isSource
    ? `source('${attached.sourceName}', '${attached.name}')`
    : `ref('${attached.name}'${attached.version === undefined ? '' : `, version='${String(attached.version)}'`})`;

  const kwargs = { ...definition.args, model: `{{ get_where_subquery(${dbtTarget}) }}` };
  const metadata: TestMetadata = {
    name: definition.name,
    ...(definition.namespace ? { namespace: definition.namespace } : {}),
    kwargs,
  };
  const testType = [definition.namespace, isSource ? 'source' : undefined, definition.name]
    .filter(Boolean)
    .join('_');
  const targetName = isSource
    ? `${attached.sourceName}_${attached.name}`
    : attached.version === undefined
      ? attached.name
      : `${attached.name}_v${String(attached.version)}`;
  const names = definition.customName
    ? { full: definition.customName, short: definition.customName }
    : synthesizeTestNames(testType, targetName, definition.args);

  const config: Record<string, unknown> = { ...definition.config };
  const tags = unique([...target.tags, ...(column?.tags ?? []), ...tagList(config.tags)]);
  if (tags.length > 0) config.tags = tags;
  if (names.short !== names.full && config.alias === undefined) config.alias = names.short;

  const where =
    typeof config.where === 'string' && config.where.trim() !== '' ? config.where : undefined;
  return {
    spec: {
      unique_id: testUniqueId(ctx.packageName, names.full, metadata),
      name: names.full,
      package_name: ctx.packageName,
      path: ctx.path,
      fqn: [ctx.packageName, ...ctx.folders, names.full],
      location: ctx.location,
      test_metadata: metadata,
      attached,
      ...(typeof definition.args.column_name === 'string'
        ? { column_name: definition.args.column_name }
        : {}),
      ...(definition.description !== undefined ? { description: definition.description } : {}),
      config,
      raw_code: buildTestRawCode({
        macroName: definition.name,
        namespace: definition.namespace,
        modelExpression,
        where,
        args: definition.args,
      }),
    },
  };
}

function tagList(tags: unknown): string[] {
  if (typeof tags === 'string') return [tags];
  return Array.isArray(tags) ? tags.map(String) : [];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
