import { createHash } from 'node:crypto';
import { TsmodelError, type SourceLocation } from '../diagnostics';
import type { ManifestNode, PropertiesEntry, RelationName } from '../manifest/types';
import type { RefCall } from '../templating/render-capture';
import { parseCsvTable } from '../adapter/csv-table';
import { readUtf8File } from '../utf8-text';
import {
  fixtureError,
  normalizeFixture,
  type FixtureLookup,
  type FixtureSite,
} from './fixture-rows';
import { parseGivenInput } from './given-input';
import { resolveUnitTestConfig, type UnitTestConfig } from './unit-test-config';
import { testedVersions } from './unit-test-versions';
import type { FixtureRow, UnitTestGiven, UnitTestNode, UnitTestOverrides } from './types';

/** What building unit tests needs of the compiled project. */
export interface UnitTestContext {
  /** Enabled models, seeds, snapshots… by unique id. */
  nodes: ReadonlyMap<string, ManifestNode>;
  /** Disabled nodes: a unit test of a disabled model is disabled too (dbt#10540). */
  disabled: readonly ManifestNode[];
  resolveRef(caller: ManifestNode, ref: RefCall): ManifestNode | TsmodelError;
  resolveSource(caller: ManifestNode, source: string, table: string): ManifestNode | TsmodelError;
  /** The `fixture:` files of a package. */
  fixtures: (packageName: string) => FixtureLookup;
  /** dbt_project.yml's `unit_tests:` configs for the test of `packageName` at `fqn`. */
  projectConfig: (packageName: string, fqn: readonly string[]) => Record<string, unknown>;
}

/**
 * Turns the `unit_tests:` entries of properties files into unit test nodes, checking what dbt
 * checks at parse time: the model exists, every input names a node, rows match their format,
 * fixture files exist, and an incremental model's test overrides `is_incremental` (with a
 * `this` input when it is true). Every problem is collected, each located at its entry.
 */
export function buildUnitTests(
  entries: ReadonlyArray<{ entry: PropertiesEntry; location: SourceLocation }>,
  ctx: UnitTestContext,
): { unitTests: Map<string, UnitTestNode>; problems: TsmodelError[] } {
  const unitTests = new Map<string, UnitTestNode>();
  const problems: TsmodelError[] = [];
  for (const { entry, location } of entries) {
    try {
      for (const node of buildUnitTest(entry, location, ctx)) {
        const clash = unitTests.get(node.unique_id);
        if (clash) {
          problems.push(
            new TsmodelError({
              code: 'duplicate-node',
              message: `two unit tests of model '${node.model}' are named '${node.name}' (${clash.original_file_path} and ${node.original_file_path})`,
              location,
              hint: 'rename one of them: unit test names are unique per model',
            }),
          );
          break;
        }
        unitTests.set(node.unique_id, node);
      }
    } catch (err) {
      if (!(err instanceof TsmodelError)) throw err;
      problems.push(err);
    }
  }
  return { unitTests, problems };
}

/**
 * The nodes of one `unit_tests:` entry: one, or one per tested version of a versioned model
 * (`unit_test.<pkg>.<model>.<name>_v<n>`, as dbt names them; name and fqn are the entry's).
 */
function buildUnitTest(
  entry: PropertiesEntry,
  location: SourceLocation,
  ctx: UnitTestContext,
): UnitTestNode[] {
  const name = entry.name;
  const fail = (problem: string, hint: string) =>
    new TsmodelError({
      code: 'unit-test',
      message: `unit test '${name}' ${problem}`,
      location,
      hint,
    });
  const ownConfig = mapping(entry.config ?? {}, () =>
    fail('has a `config:` that is not a mapping', 'write config: {tags: [...], meta: {...}}'),
  );
  const fqn = Array.isArray(entry.fqn)
    ? (entry.fqn as string[])
    : [entry.package_name, String(entry.model), String(name)];
  const config = resolveUnitTestConfig(
    ctx.projectConfig(entry.package_name, fqn),
    ownConfig,
    location,
    String(name),
  );
  if (!config.enabled) return [];
  if (typeof entry.model !== 'string' || entry.model === '')
    throw fail('needs a `model:`', 'name the model it tests, e.g. model: orders');
  const found = findModel(ctx, entry.package_name, entry.model);
  if (found === 'disabled') return [];
  if (!found)
    throw fail(
      `tests model '${entry.model}', which does not exist in package '${entry.package_name}'`,
      'unit tests test SQL models of their own package; check the name',
    );
  const tested = testedVersions(
    entry.versions,
    { name: entry.model, node: found.node, versions: found.versions },
    found.allVersions,
    fail,
  );
  return tested.map((model) =>
    unitTestOf(model, entry, location, ctx, { config, fqn, fail, versioned: !!found.versions }),
  );
}

/** The unit test node of `entry` against `model` (the model, or one of its versions). */
function unitTestOf(
  model: ManifestNode,
  entry: PropertiesEntry,
  location: SourceLocation,
  ctx: UnitTestContext,
  of: {
    config: UnitTestConfig;
    fqn: string[];
    versioned: boolean;
    fail: (problem: string, hint: string) => TsmodelError;
  },
): UnitTestNode {
  const { config, fqn, fail } = of;
  const name = entry.name;
  if (!Array.isArray(entry.given))
    throw fail(
      'needs a `given:` list of inputs',
      "list every ref/source the model reads, e.g. - input: ref('orders')",
    );
  const expect = mapping(entry.expect, () =>
    fail('needs an `expect:` with the rows the model should return', 'add expect: {rows: [...]}'),
  );
  const overrides = readOverrides(entry.overrides, fail);
  const site = (part: string): FixtureSite => ({ unitTest: String(name), part, location });
  const fixtures = ctx.fixtures(entry.package_name);
  const given = entry.given.map((raw, i): UnitTestGiven => {
    const g = mapping(raw, () =>
      fail(`given entry ${i + 1} is not a mapping`, "write - input: ref('x')"),
    );
    if (typeof g.input !== 'string')
      throw fail(
        `given entry ${i + 1} needs an \`input:\``,
        "name it as the model does: ref('x'), source('s', 't') or this",
      );
    const input = inputNode(g.input, model, ctx, fail);
    const fixture =
      g.rows === undefined &&
      g.fixture === undefined &&
      (g.format ?? 'dict') === 'dict' &&
      input.resource_type === 'seed'
        ? { format: 'dict' as const, rows: seedRows(input, site(`given ${g.input}`)) }
        : normalizeFixture(g, site(`given ${g.input}`), fixtures);
    return { input: g.input, node: input.unique_id, ...fixture };
  });
  checkIncremental(model, overrides, given, fail);
  const { tags, meta } = config;
  const suffix = of.versioned ? `_v${model.version}` : '';
  const expected = normalizeFixture(expect, site('expect'), fixtures);
  // dbt's unit test checksum: what the test asserts, so `state:modified` sees a changed test.
  const checksum = createHash('sha256')
    .update(
      JSON.stringify({
        model: model.name,
        version: model.version,
        given,
        expect: expected,
        overrides,
      }),
    )
    .digest('hex');
  return {
    unique_id: `${entry.unique_id}${suffix}`,
    resource_type: 'unit_test',
    name: String(name),
    package_name: entry.package_name,
    path: typeof entry.path === 'string' ? entry.path : entry.original_file_path,
    original_file_path: entry.original_file_path,
    fqn,
    model: model.name,
    ...(of.versioned ? { version: model.version! } : {}),
    description: typeof entry.description === 'string' ? entry.description : '',
    config: {
      enabled: true,
      materialized: 'unit',
      tags,
      meta,
      pre_hook: [],
      post_hook: [],
    },
    tags,
    columns: {},
    depends_on: { nodes: [model.unique_id], macros: [] },
    ...(model.relation
      ? { relation: scratchRelation(model.relation, `${String(name)}${suffix}`) }
      : {}),
    checksum,
    given,
    expect: expected,
    overrides,
    ...(location.line !== undefined ? { line: location.line } : {}),
  };
}

/**
 * Where a unit test builds the empty table it reads the model's column types from: beside the
 * model, named after both (two models may have unit tests of one name).
 */
function scratchRelation(model: RelationName, name: string): RelationName {
  return { ...model, identifier: `${model.identifier}__${name}` };
}

/**
 * The model a unit test names: the node, and for a versioned model its enabled versions and
 * every version it declares (disabled ones too, which exist but are not tested).
 */
function findModel(
  ctx: UnitTestContext,
  pkg: string,
  name: string,
):
  | { node: ManifestNode; versions?: ManifestNode[]; allVersions: Array<string | number> }
  | 'disabled'
  | undefined {
  const named = (n: ManifestNode) =>
    n.resource_type === 'model' && n.package_name === pkg && n.name === name;
  const enabled = [...ctx.nodes.values()].filter(named);
  const disabled = ctx.disabled.filter(named);
  if (enabled.length === 0) return disabled.length > 0 ? 'disabled' : undefined;
  const versions = enabled.filter((n) => n.version !== undefined);
  if (versions.length === 0) return { node: enabled[0]!, allVersions: [] };
  const allVersions = [...versions, ...disabled]
    .map((n) => n.version)
    .filter((v): v is string | number => v !== undefined);
  return { node: versions[0]!, versions, allVersions };
}

function inputNode(
  text: string,
  model: ManifestNode,
  ctx: UnitTestContext,
  fail: (problem: string, hint: string) => TsmodelError,
): ManifestNode {
  const parsed = parseGivenInput(text);
  if (!parsed)
    throw fail(
      `has an input '${text}' that is not a ref, a source or this`,
      "write input: ref('x'), ref('package', 'x'), source('s', 't') or this",
    );
  if (parsed.kind === 'this') return model;
  const hit =
    parsed.kind === 'ref'
      ? ctx.resolveRef(model, { pkg: parsed.pkg, name: parsed.name })
      : ctx.resolveSource(model, parsed.source, parsed.table);
  if (hit instanceof TsmodelError)
    throw fail(
      `had an input (${text}) which was not found: ${hit.message}`,
      hit.hint ?? 'check the name',
    );
  return hit;
}

/** dbt: a seed input without rows reads the seed's own file. */
function seedRows(seed: ManifestNode, site: FixtureSite): FixtureRow[] {
  if (!seed.seed_file) throw fixtureError(site, 'has no rows', 'add rows:');
  const table = parseCsvTable(
    readUtf8File(seed.seed_file, seed.original_file_path),
    String(seed.config.delimiter ?? ','),
    seed.original_file_path,
  );
  return table.rows.map((row) =>
    Object.fromEntries(table.columns.map((c, i) => [c, row[i] ?? null])),
  );
}

function readOverrides(
  raw: unknown,
  fail: (problem: string, hint: string) => TsmodelError,
): UnitTestOverrides {
  const o = mapping(raw ?? {}, () =>
    fail(
      'has `overrides:` that is not a mapping',
      'write overrides: {macros: {...}, vars: {...}, env_vars: {...}}',
    ),
  );
  const part = (key: string) =>
    mapping(o[key] ?? {}, () =>
      fail(`has \`overrides.${key}:\` that is not a mapping`, `write ${key}: {name: value}`),
    );
  const envVars = part('env_vars');
  return {
    macros: part('macros'),
    vars: part('vars'),
    env_vars: Object.fromEntries(Object.entries(envVars).map(([k, v]) => [k, String(v)])),
  };
}

function checkIncremental(
  model: ManifestNode,
  overrides: UnitTestOverrides,
  given: readonly UnitTestGiven[],
  fail: (problem: string, hint: string) => TsmodelError,
): void {
  if (model.config.materialized !== 'incremental') return;
  const value = overrides.macros.is_incremental;
  if (typeof value !== 'boolean')
    throw fail(
      `tests incremental model '${model.name}' without a boolean override for 'is_incremental'`,
      'add overrides: {macros: {is_incremental: true}} (or false) — dbt requires it too',
    );
  if (value && !given.some((g) => g.input.trim() === 'this'))
    throw fail(
      `overrides is_incremental to true for incremental model '${model.name}' but gives no 'this' input`,
      'add - input: this with the rows the table holds before the incremental run',
    );
}

function mapping(value: unknown, error: () => TsmodelError): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw error();
  return value as Record<string, unknown>;
}
