/**
 * A dbt project as it is: dbt_project.yml is a project file, every key of dbt 1.10's schema is
 * either honoured or named in a warning, and version requirements are checked as dbt does.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from './load-project';
import { PROJECT_FILE_KEYS } from './project-file-schema';
import { tempProject, thrownProblems } from './test-helpers';
import { DBT_COMPATIBLE_VERSION, checkVersionRequirements } from './version-requirements';

/** Every top-level key of dbt 1.10's dbt_project.yml (its JSON schema and reference docs). */
const DBT_1_10_KEYS = [
  'name',
  'version',
  'config-version',
  'profile',
  'model-paths',
  'seed-paths',
  'test-paths',
  'analysis-paths',
  'macro-paths',
  'snapshot-paths',
  'docs-paths',
  'asset-paths',
  'function-paths',
  'target-path',
  'log-path',
  'packages-install-path',
  'clean-targets',
  'query-comment',
  'require-dbt-version',
  'flags',
  'dbt-cloud',
  'quoting',
  'models',
  'seeds',
  'snapshots',
  'sources',
  'tests',
  'data_tests',
  'unit_tests',
  'analyses',
  'exposures',
  'metrics',
  'semantic-models',
  'saved-queries',
  'functions',
  'vars',
  'on-run-start',
  'on-run-end',
  'dispatch',
  'restrict-access',
  'anchors',
  'source-paths',
  'data-paths',
  'modules-path',
];

/** Keys tsmodel acts on; each has a test of its effect here or in load-project.test.ts. */
const HONOURED = new Set([
  'name',
  'version',
  'config-version',
  'profile',
  'model-paths',
  'seed-paths',
  'test-paths',
  'analysis-paths',
  'macro-paths',
  'snapshot-paths',
  'docs-paths',
  'target-path',
  'packages-install-path',
  'clean-targets',
  'require-dbt-version',
  'flags',
  'quoting',
  'models',
  'seeds',
  'snapshots',
  'tests',
  'data_tests',
  'unit_tests',
  'analyses',
  'vars',
  'on-run-start',
  'on-run-end',
  'dispatch',
  'anchors',
  // Renamed in dbt 1.0: read as their new names, with a warning.
  'source-paths',
  'data-paths',
  'modules-path',
]);

/** A value of the right shape for each key, to load a project that sets it. */
function sampleValue(key: string): string {
  if (key.endsWith('-paths') || key === 'clean-targets') return '[target]';
  if (['target-path', 'log-path', 'packages-install-path', 'modules-path'].includes(key))
    return 'somewhere';
  if (key === 'quoting') return '{identifier: false}';
  if (key === 'restrict-access') return 'true';
  if (key === 'query-comment') return '"-- by tsmodel"';
  if (key === 'require-dbt-version') return '">=1.0.0"';
  return '{}';
}

const warningsFor = (yml: string, files: Record<string, string> = {}) => {
  const dir = tempProject({ 'dbt_project.yml': yml, 'models/a.sql': 'select 1', ...files });
  return loadProject({ projectDir: dir, env: {} }).warnings.map((w) => w.format().split('\n')[0]);
};

describe('dbt_project.yml', () => {
  it('is read as the project file', () => {
    const dir = tempProject({
      'dbt_project.yml':
        "name: 'jaffle_shop'\nversion: '1.0.0'\nconfig-version: 2\nprofile: 'jaffle_shop'\n" +
        'model-paths: ["models"]\nmodels:\n  jaffle_shop:\n    +materialized: table\n',
      'models/a.sql': 'select 1',
    });
    const { root, warnings } = loadProject({ projectDir: dir, env: {} });
    expect(root).toMatchObject({
      name: 'jaffle_shop',
      profile: 'jaffle_shop',
      file: path.join(dir, 'dbt_project.yml'),
      packagesInstallPath: 'dbt_packages',
    });
    expect(root.models.children.jaffle_shop?.configs).toEqual({ materialized: 'table' });
    expect(warnings).toEqual([]);
  });

  it('beside a project.yml is an error naming both', () => {
    const dir = tempProject({ 'dbt_project.yml': 'name: a\n', 'project.yml': 'name: a\n' });
    expect(thrownProblems(() => loadProject({ projectDir: dir, env: {} }))).toEqual([
      expect.stringMatching(/dbt_project\.yml and project\.yml are both in .* keep one/),
    ]);
  });

  it('names its own file in messages', () => {
    const dir = tempProject({ 'dbt_project.yml': 'name: a\nmodel_paths: [x]\n' });
    expect(thrownProblems(() => loadProject({ projectDir: dir, env: {} }))).toEqual([
      "dbt_project.yml:2:1 unknown key 'model_paths' in dbt_project.yml — did you mean 'model-paths'?",
    ]);
  });

  it("accepts every key of dbt 1.10's schema", () => {
    expect(DBT_1_10_KEYS.filter((key) => !PROJECT_FILE_KEYS.includes(key))).toEqual([]);
  });

  for (const key of DBT_1_10_KEYS.filter((k) => k !== 'name' && !HONOURED.has(k))) {
    it(`warns once that '${key}' is accepted but not used`, () => {
      const warnings = warningsFor(`name: shop\n${key}: ${sampleValue(key)}\n`);
      expect(warnings).toEqual([
        expect.stringMatching(
          new RegExp(
            `^dbt_project\\.yml:2:1 '${key}' in dbt_project\\.yml is accepted but not used by tsmodel yet: `,
          ),
        ),
      ]);
    });
  }

  it('reads the keys dbt 1.0 renamed as their new names, with a warning', () => {
    const dir = tempProject({
      'dbt_project.yml': 'name: shop\nsource-paths: [sql]\ndata-paths: [csv]\nmodules-path: pkgs\n',
      'sql/a.sql': 'select 1',
    });
    const { root, warnings } = loadProject({ projectDir: dir, env: {} });
    expect(root).toMatchObject({
      modelPaths: ['sql'],
      seedPaths: ['csv'],
      packagesInstallPath: 'pkgs',
    });
    expect(warnings.map((w) => w.message)).toEqual([
      "'source-paths' in dbt_project.yml was renamed to 'model-paths' in dbt 1.0; it is still read",
      "'data-paths' in dbt_project.yml was renamed to 'seed-paths' in dbt 1.0; it is still read",
      "'modules-path' in dbt_project.yml was renamed to 'packages-install-path' in dbt 1.0; it is still read",
    ]);
  });

  it('configures tests under data_tests: as under tests:', () => {
    const dir = tempProject({
      'dbt_project.yml':
        'name: shop\ntests:\n  +severity: warn\n  shop:\n    +limit: 5\ndata_tests:\n  +store_failures: true\n  shop:\n    +tags: [t]\n',
    });
    const { root } = loadProject({ projectDir: dir, env: {} });
    expect(root.tests.configs).toEqual({ severity: 'warn', store_failures: true });
    expect(root.tests.children.shop?.configs).toEqual({ limit: 5, tags: ['t'] });
  });

  it('names the flags it does not use, once, and keeps the ones it does', () => {
    const warnings = warningsFor(
      'name: shop\nflags:\n  send_anonymous_usage_stats: false\n  partial_parse: false\n  printer_width: 80\n  static_parser: true\n',
    );
    expect(warnings).toEqual([
      'dbt_project.yml:5:3 flags in dbt_project.yml not used by tsmodel: printer_width, static_parser — tsmodel honours fail_fast, use_colors, partial_parse, version_check, indirect_selection, send_anonymous_usage_stats',
    ]);
  });
});

describe('require-dbt-version and require-tsmodel-version', () => {
  const project = (ranges: Record<string, string[]>) => {
    const dir = tempProject({ 'dbt_project.yml': 'name: pkg\n' });
    return { ...loadProject({ projectDir: dir, env: {} }).root, ...ranges };
  };

  it(`accepts dbt ranges that ${DBT_COMPATIBLE_VERSION} meets, as dbt_utils writes them`, () => {
    const p = project({ requireDbtVersion: ['>=1.3.0', '<2.0.0'] });
    expect(checkVersionRequirements([p], true)).toEqual({ errors: [], warnings: [] });
  });

  it('warns about a dbt range it does not meet, unless the check is off', () => {
    const p = project({ requireDbtVersion: ['>=2.0.0'] });
    const { warnings, errors } = checkVersionRequirements([p], true);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual([
      `project 'pkg' requires dbt ">=2.0.0"; tsmodel 0.0.0-dev follows dbt ${DBT_COMPATIBLE_VERSION}`,
    ]);
    expect(checkVersionRequirements([p], false).warnings).toEqual([]);
  });

  it('errors on a tsmodel range the running tsmodel does not meet, unless the check is off', () => {
    const p = project({ requireTsmodelVersion: ['>=9.0.0'] });
    const versions = { tsmodel: '0.2.0' };
    expect(checkVersionRequirements([p], true, versions).errors.map((e) => e.message)).toEqual([
      'project \'pkg\' requires tsmodel ">=9.0.0"; this is tsmodel 0.2.0',
    ]);
    expect(checkVersionRequirements([p], false, versions).errors).toEqual([]);
    expect(
      checkVersionRequirements([{ ...p, requireTsmodelVersion: ['>=0.1.0'] }], true, versions)
        .errors,
    ).toEqual([]);
  });

  it('reads flags.version_check from the project file; --no-version-check wins', () => {
    const yml = 'name: shop\nrequire-dbt-version: ">=3.0.0"\n';
    expect(warningsFor(yml)).toHaveLength(1);
    expect(warningsFor(`${yml}flags:\n  version_check: false\n`)).toEqual([]);
    const dir = tempProject({ 'dbt_project.yml': yml });
    expect(loadProject({ projectDir: dir, env: {}, versionCheck: false }).warnings).toEqual([]);
  });
});
