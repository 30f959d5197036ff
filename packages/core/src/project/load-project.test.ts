import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from './load-project';
import { tempProject, thrownProblems } from './test-helpers';

describe('loadProject', () => {
  it('fills dbt defaults for a minimal project.yml', () => {
    const dir = tempProject({ 'project.yml': 'name: shop\n' });
    const { root, projects, selectors, cliVars } = loadProject({ projectDir: dir, env: {} });
    expect(root).toMatchObject({
      name: 'shop',
      version: '0.0.0',
      profile: undefined,
      rootDir: dir,
      file: path.join(dir, 'project.yml'),
      modelPaths: ['models'],
      macroPaths: ['macros'],
      seedPaths: ['seeds'],
      testPaths: ['tests'],
      snapshotPaths: ['snapshots'],
      analysisPaths: ['analyses'],
      // dbt's default: every resource folder.
      docsPaths: ['models', 'seeds', 'snapshots', 'analyses', 'macros', 'tests'],
      targetPath: 'target',
      cleanTargets: ['target'],
      vars: {},
      models: { configs: {}, children: {} },
      packages: [],
      onRunStart: [],
      onRunEnd: [],
      dispatch: [],
    });
    expect([...projects.keys()]).toEqual(['shop']);
    expect(selectors).toEqual([]);
    expect(cliVars).toEqual({});
  });

  it('takes --target-path over $TSMODEL_TARGET_PATH over project.yml, like dbt', () => {
    const dir = tempProject({ 'project.yml': 'name: shop\ntarget-path: build\n' });
    const load = (targetPath?: string, env: Record<string, string> = {}) =>
      loadProject({ projectDir: dir, env, ...(targetPath ? { targetPath } : {}) }).root;
    expect(load()).toMatchObject({ targetPath: 'build', cleanTargets: ['build'] });
    expect(load(undefined, { TSMODEL_TARGET_PATH: 'from-env' })).toMatchObject({
      targetPath: 'from-env',
      cleanTargets: ['from-env'],
    });
    expect(load('from-flag', { TSMODEL_TARGET_PATH: 'from-env' })).toMatchObject({
      targetPath: 'from-flag',
      cleanTargets: ['from-flag'],
    });
  });

  it('keeps explicit clean-targets when the target path is overridden', () => {
    const dir = tempProject({ 'project.yml': 'name: shop\nclean-targets: [target, logs]\n' });
    const { root } = loadProject({ projectDir: dir, env: {}, targetPath: 'out' });
    expect(root).toMatchObject({ targetPath: 'out', cleanTargets: ['target', 'logs'] });
  });

  it('maps every kebab-case key to the typed config', () => {
    const dir = tempProject({
      'project.yml': [
        'name: shop',
        'version: "2.1"',
        'profile: warehouse',
        'config-version: 2',
        'model-paths: [sql]',
        'macro-paths: [m1, m2]',
        'seed-paths: [data]',
        'test-paths: [checks]',
        'snapshot-paths: [snaps]',
        'analysis-paths: [analyses]',
        'docs-paths: [docs]',
        'target-path: build',
        'clean-targets: [build, logs]',
        'vars:',
        '  start_date: "2020-01-01"',
        'models:',
        '  +materialized: view',
        '  shop:',
        '    staging:',
        '      +schema: stg',
        '      materialized: table',
        'seeds:',
        '  +quote-columns: false',
        'tests:',
        '  +severity: warn',
        'snapshots:',
        '  +target-schema: snaps',
        'on-run-start: "create schema if not exists audit"',
        'on-run-end:',
        '  - "grant usage on schema x to y"',
        '  - "select 1"',
        'dispatch:',
        '  - macro_namespace: utils',
        '    search_order: [shop, utils]',
        'require-tsmodel-version: ">=0.1.0"',
      ].join('\n'),
      'sql/.gitkeep': '',
    });
    const { root } = loadProject({ projectDir: dir, env: {} });
    expect(root).toMatchObject({
      version: '2.1',
      profile: 'warehouse',
      modelPaths: ['sql'],
      macroPaths: ['m1', 'm2'],
      seedPaths: ['data'],
      testPaths: ['checks'],
      snapshotPaths: ['snaps'],
      analysisPaths: ['analyses'],
      docsPaths: ['docs'],
      targetPath: 'build',
      cleanTargets: ['build', 'logs'],
      vars: { start_date: '2020-01-01' },
      seeds: { configs: { quote_columns: false }, children: {} },
      tests: { configs: { severity: 'warn' }, children: {} },
      snapshots: { configs: { target_schema: 'snaps' }, children: {} },
      onRunStart: [{ sql: 'create schema if not exists audit', file: 'project.yml', line: 28 }],
      onRunEnd: [
        { sql: 'grant usage on schema x to y', file: 'project.yml', line: 30 },
        { sql: 'select 1', file: 'project.yml', line: 31 },
      ],
      dispatch: [{ macro_namespace: 'utils', search_order: ['shop', 'utils'] }],
      requireTsmodelVersion: ['>=0.1.0'],
    });
    expect(root.models).toEqual({
      configs: { materialized: 'view' },
      children: {
        shop: {
          configs: {},
          children: {
            staging: { configs: { schema: 'stg', materialized: 'table' }, children: {} },
          },
        },
      },
    });
  });

  it('renders env_var() in project.yml but not in vars, hooks or folder configs', () => {
    const dir = tempProject({
      'project.yml': [
        'name: shop',
        'profile: "{{ env_var(\'PROFILE\') }}"',
        'vars:',
        '  raw: "{{ env_var(\'PROFILE\') }}"',
        "on-run-start: \"select '{{ env_var('PROFILE') }}'\"",
        'models:',
        "  +schema: \"{{ env_var('SCHEMA', 'fallback') }}\"",
        '  +post-hook: "{{ env_var(\'NOPE\') }}"',
      ].join('\n'),
    });
    const { root } = loadProject({ projectDir: dir, env: { PROFILE: 'prod' } });
    expect(root.profile).toBe('prod');
    expect(root.vars).toEqual({ raw: "{{ env_var('PROFILE') }}" });
    expect(root.onRunStart[0]!.sql).toBe("select '{{ env_var('PROFILE') }}'");
    // Folder configs are rendered by the compiler, where var() and target exist too.
    expect(root.models.configs).toEqual({
      schema: "{{ env_var('SCHEMA', 'fallback') }}",
      post_hook: "{{ env_var('NOPE') }}",
    });
  });

  it('reports an unset env_var() in project.yml at its line', () => {
    const dir = tempProject({
      'project.yml': 'name: shop\ntarget-path: "{{ env_var(\'OUT\') }}"\n',
    });
    expect(thrownProblems(() => loadProject({ projectDir: dir, env: {} }))).toEqual([
      "project.yml:2:14 target-path: environment variable 'OUT' is not set — export OUT=…, or give a default: env_var('OUT', '…')",
    ]);
  });

  it('reports bad YAML syntax with file, line and column', () => {
    const dir = tempProject({ 'project.yml': 'name: shop\nvars:\n  x: [1, 2\n' });
    expect(thrownProblems(() => loadProject({ projectDir: dir, env: {} }))).toEqual([
      'project.yml:4:1 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] — check indentation and quoting on that line',
    ]);
  });

  it('reports several schema errors at once, each at its line', () => {
    const dir = tempProject({
      'project.yml': [
        'name: 1shop',
        'model-paths: models',
        'config-version: 1',
        'packages:',
        '  - {pkg: x}',
      ].join('\n'),
    });
    expect(thrownProblems(() => loadProject({ projectDir: dir, env: {} }))).toEqual([
      'project.yml:1:7 name: must be an identifier: letters, digits and underscores, not starting with a digit',
      'project.yml:2:14 model-paths: Invalid input: expected array, received string',
      'project.yml:3:17 config-version: only config-version 2 is supported',
      'project.yml:5:5 packages.0: expected `package: <npm name>`, `local: <relative path>` or an npm package name',
    ]);
  });

  it('names a model-paths folder that does not exist', () => {
    const dir = tempProject({
      'project.yml': 'name: shop\nmodel-paths: [models, modles]\n',
      'models/a.sql': 'select 1',
    });
    expect(thrownProblems(() => loadProject({ projectDir: dir, env: {} }))).toEqual([
      `project.yml:2:23 model-paths: folder 'modles' does not exist in ${dir} — create modles/ for the models, or list the folder that holds them under model-paths`,
    ]);
  });

  it('suggests the key meant by an unknown top-level key', () => {
    const dir = tempProject({ 'project.yml': 'name: shop\nmodel_paths: [x]\nzzz: 1\n' });
    expect(thrownProblems(() => loadProject({ projectDir: dir, env: {} }))).toEqual([
      "project.yml:2:1 unknown key 'model_paths' in project.yml — did you mean 'model-paths'?",
      expect.stringMatching(
        /^project\.yml:3:1 unknown key 'zzz' in project\.yml — known keys: name, version/,
      ),
    ]);
  });

  it('rejects a bare folder key that is neither a mapping nor a known config', () => {
    const dir = tempProject({
      'project.yml': 'name: shop\nmodels:\n  shop:\n    materialised: table\n',
    });
    expect(thrownProblems(() => loadProject({ projectDir: dir, env: {} }))).toEqual([
      "project.yml:4:5 models.shop.materialised: 'materialised' is neither a folder (a mapping) nor a known config — did you mean 'materialized'? Custom configs need a '+' prefix: '+materialised'",
    ]);
  });

  it('names the directory and suggests tsmodel init when project.yml is missing', () => {
    const dir = tempProject({});
    expect(thrownProblems(() => loadProject({ projectDir: dir, env: {} }))).toEqual([
      `project.yml no dbt_project.yml or project.yml in ${dir} — run \`tsmodel init\` to create a project, or pass --project-dir <dir>`,
    ]);
  });

  it('parses --vars as YAML or JSON and rejects non-mappings', () => {
    const dir = tempProject({ 'project.yml': 'name: shop\n' });
    expect(loadProject({ projectDir: dir, cliVars: '{x: 1}', env: {} }).cliVars).toEqual({ x: 1 });
    expect(loadProject({ projectDir: dir, cliVars: 'x: 1', env: {} }).cliVars).toEqual({ x: 1 });
    expect(loadProject({ projectDir: dir, cliVars: '{"x": [1]}', env: {} }).cliVars).toEqual({
      x: [1],
    });
    expect(thrownProblems(() => loadProject({ projectDir: dir, cliVars: '[1]', env: {} }))).toEqual(
      [
        "--vars must be a YAML or JSON mapping, got [1] — write it as --vars '{name: value}' or --vars 'name: value'",
      ],
    );
  });

  it('includes selectors.yml in the loaded project', () => {
    const dir = tempProject({
      'project.yml': 'name: shop\n',
      'selectors.yml': 'selectors:\n  - name: nightly\n    definition: "tag:nightly"\n',
    });
    expect(loadProject({ projectDir: dir, env: {} }).selectors).toEqual([
      { name: 'nightly', default: false, definition: 'tag:nightly' },
    ]);
  });
});
