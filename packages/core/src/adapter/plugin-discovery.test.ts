import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../compile/compile-project';
import { TsmodelError } from '../diagnostics';
import { tempProject } from '../project/test-helpers';
import { dialectAdapters } from '../testing/dialect-adapters';
import { AdapterRegistry } from './registry';

/**
 * A third-party adapter as npm would install it: plain JavaScript, no import of tsmodel, a
 * dialect that quotes with backticks (as BigQuery does) and descends from postgres.
 */
const FIXTURE_PLUGIN = `
const dialect = {
  type: 'fixture',
  quoteCharacter: '\`',
  capabilities: { identifierCase: 'lower', maxIdentifierLength: 63 },
  quoteIdentifier: (name) => '\`' + name + '\`',
  foldIdentifier: (name) => name.toLowerCase(),
  identifierKey: (name) => name.toLowerCase(),
  renderRelation: (rel) => [rel.database, rel.schema, rel.identifier].filter(Boolean).map((p) => '\`' + p + '\`').join('.'),
};
export const plugin = {
  type: 'fixture',
  parentTypes: ['postgres'],
  dialect,
  create: async () => { throw new Error('fixture: no driver'); },
};
`;

function installFixture(projectDir: string, packagePath: string, source = FIXTURE_PLUGIN): void {
  const dir = join(projectDir, 'node_modules', packagePath);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: packagePath, type: 'module', exports: { '.': './plugin.js' } }),
  );
  writeFileSync(join(dir, 'plugin.js'), source);
}

function fixtureProject(): string {
  return tempProject({
    'dbt_project.yml': 'name: shop\nprofile: p\n',
    'profiles.yml': 'p:\n  outputs:\n    dev:\n      type: fixture\n      schema: analytics\n',
    'macros/now.sql':
      "{% macro now() %}{{ return(adapter.dispatch('now')()) }}{% endmacro %}" +
      '{% macro default__now() %}current_timestamp{% endmacro %}' +
      '{% macro postgres__now() %}now(){% endmacro %}',
    'models/orders.sql': 'select {{ now() }} as at, {{ adapter.quote("Order Id") }} from raw',
    'models/child.sql': "select * from {{ ref('orders') }}",
  });
}

describe('adapter plugins found in node_modules', () => {
  it('compiles a project for a type no built-in serves, with the package’s dialect', async () => {
    const dir = fixtureProject();
    installFixture(dir, 'tsmodel-adapter-fixture');
    const result = await compileProject({
      projectDir: dir,
      writeArtifacts: false,
      env: {},
      adapters: dialectAdapters(),
    });
    const nodes = result.manifest.nodes;
    expect(nodes['model.shop.child']!.compiled_code).toBe('select * from `analytics`.`orders`');
    // Dispatch follows the plugin's parents; adapter.quote uses its quote character.
    expect(nodes['model.shop.orders']!.compiled_code).toBe(
      'select now() as at, `Order Id` from raw',
    );
  });

  it('finds a scoped package in a node_modules above the project (hoisted)', async () => {
    const root = tempProject({});
    installFixture(root, '@acme/tsmodel-adapter-fixture');
    const project = join(root, 'analytics');
    mkdirSync(project);
    const plugin = await new AdapterRegistry().plugin('fixture', project);
    expect(plugin.parentTypes).toEqual(['postgres']);
  });

  it('names the package to install for an unknown type', async () => {
    const error = await new AdapterRegistry()
      .plugin('snowfalke', tempProject({}))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TsmodelError);
    expect((error as TsmodelError).code).toBe('unknown-adapter');
    expect((error as TsmodelError).hint).toContain('tsmodel-adapter-snowfalke');
  });

  it('suggests a registered type for a typo', async () => {
    const error = await dialectAdapters()
      .plugin('duckbd', tempProject({}))
      .catch((e: unknown) => e);
    expect((error as TsmodelError).hint).toContain("did you mean 'duckdb'");
  });

  it('rejects a package that exports no plugin, or a plugin for another type', async () => {
    const dir = tempProject({});
    installFixture(dir, 'tsmodel-adapter-empty', 'export const nothing = 1;');
    installFixture(dir, 'tsmodel-adapter-other', FIXTURE_PLUGIN);
    for (const [type, why] of [
      ['empty', 'it exports no `plugin`'],
      ['other', "its plugin is for type 'fixture'"],
    ]) {
      const error = await new AdapterRegistry().plugin(type!, dir).catch((e: unknown) => e);
      expect((error as TsmodelError).code).toBe('invalid-adapter-plugin');
      expect((error as TsmodelError).message).toContain(why);
    }
  });
});
