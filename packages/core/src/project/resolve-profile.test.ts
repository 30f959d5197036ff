import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from './load-project';
import { resolveProfile, type ResolveProfileOptions } from './resolve-profile';
import { tempProject, thrownProblems } from './test-helpers';

function profileYml(schema: string, extra = ''): string {
  return `warehouse:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      schema: ${schema}\n      threads: 2\n${extra}`;
}

/** A project `app` (profile `warehouse`) plus the given files; returns helpers to resolve it. */
function setup(files: Record<string, string>, projectYml = 'name: app\nprofile: warehouse\n') {
  const base = tempProject({ 'app/project.yml': projectYml, ...files });
  const { root } = loadProject({ projectDir: path.join(base, 'app'), env: {} });
  const home = path.join(base, 'home');
  const resolve = (options: Partial<ResolveProfileOptions> = {}) =>
    resolveProfile({ project: root, env: {}, homeDir: home, ...options });
  return { base, root, resolve };
}

describe('resolveProfile lookup order', () => {
  const everywhere = {
    'flag/profiles.yml': profileYml('from_flag'),
    'envdir/profiles.yml': profileYml('from_env'),
    'app/profiles.yml': profileYml('from_project'),
    'home/.tsmodel/profiles.yml': profileYml('from_home'),
  };

  it('prefers --profiles-dir, then TSMODEL_PROFILES_DIR, then the project dir, then ~/.tsmodel', () => {
    const { base, resolve } = setup(everywhere);
    const env = { TSMODEL_PROFILES_DIR: path.join(base, 'envdir') };
    const flag = resolve({ profilesDir: path.join(base, 'flag'), env });
    expect(flag.target.schema).toBe('from_flag');
    expect(flag.profilesFile).toBe(path.join(base, 'flag/profiles.yml'));
    expect(resolve({ env }).target.schema).toBe('from_env');
    expect(resolve().target.schema).toBe('from_project');
    const { resolve: homeOnly } = setup({ 'home/.tsmodel/profiles.yml': profileYml('from_home') });
    expect(homeOnly().target.schema).toBe('from_home');
  });

  it("reads dbt's DBT_PROFILES_DIR after TSMODEL_PROFILES_DIR, and ~/.dbt after ~/.tsmodel", () => {
    const { base, resolve } = setup({
      'envdir/profiles.yml': profileYml('from_env'),
      'dbtdir/profiles.yml': profileYml('from_dbt_env'),
    });
    const both = {
      TSMODEL_PROFILES_DIR: path.join(base, 'envdir'),
      DBT_PROFILES_DIR: path.join(base, 'dbtdir'),
    };
    expect(resolve({ env: both }).target.schema).toBe('from_env');
    expect(resolve({ env: { DBT_PROFILES_DIR: both.DBT_PROFILES_DIR } }).target.schema).toBe(
      'from_dbt_env',
    );
    const { resolve: dbtHome } = setup({
      'home/.dbt/profiles.yml': profileYml('from_dbt_home'),
    });
    expect(dbtHome().target.schema).toBe('from_dbt_home');
    const { resolve: bothHomes } = setup({
      'home/.dbt/profiles.yml': profileYml('from_dbt_home'),
      'home/.tsmodel/profiles.yml': profileYml('from_home'),
    });
    expect(bothHomes().target.schema).toBe('from_home');
  });

  it('errors when an explicitly named directory has no profiles.yml', () => {
    const { base, resolve } = setup({ 'app/profiles.yml': profileYml('x') });
    const env = { TSMODEL_PROFILES_DIR: path.join(base, 'nothing') };
    expect(thrownProblems(() => resolve({ env }))).toEqual([
      expect.stringMatching(
        /^no profiles\.yml in .*nothing \(from TSMODEL_PROFILES_DIR\) — create /,
      ),
    ]);
    expect(thrownProblems(() => resolve({ profilesDir: path.join(base, 'empty') }))).toEqual([
      `no profiles.yml in ${path.join(base, 'empty')} (from --profiles-dir) — create ${path.join(base, 'empty/profiles.yml')}, or point --profiles-dir at the directory that holds profiles.yml`,
    ]);
  });
});

describe('resolveProfile targets', () => {
  it('builds the target config with adapter keys passed through', () => {
    const { resolve } = setup({
      'app/profiles.yml': profileYml(
        'analytics',
        '      path: dev.duckdb\nconfig:\n  send_anonymous_usage_stats: false\n',
      ),
    });
    expect(resolve().target).toEqual({
      type: 'duckdb',
      name: 'dev',
      profile_name: 'warehouse',
      schema: 'analytics',
      database: 'dev',
      threads: 2,
      path: 'dev.duckdb',
    });
  });

  it('lets --target override target: and lists targets when it is unknown', () => {
    const yml = `${profileYml('dev_schema')}    prod:\n      type: postgres\n      schema: prod_schema\n      host: db\n`;
    const { resolve } = setup({ 'app/profiles.yml': yml });
    expect(resolve({ target: 'prod' }).target).toMatchObject({
      name: 'prod',
      type: 'postgres',
      schema: 'prod_schema',
      threads: 4,
      host: 'db',
    });
    expect(thrownProblems(() => resolve({ target: 'staging' }))).toEqual([
      "profiles.yml:3:3 target 'staging' (from --target) is not an output of profile 'warehouse' — available targets: dev, prod",
    ]);
  });

  it('renders env_var() with and without defaults, including in target:', () => {
    const yml = [
      'warehouse:',
      "  target: \"{{ env_var('TARGET', 'dev') }}\"",
      '  outputs:',
      '    dev:',
      '      type: postgres',
      '      schema: "{{ env_var(\'SCHEMA\') }}"',
      "      password: \"{{ env_var('PASSWORD', 'none') }}\"",
      '      threads: "{{ env_var(\'THREADS\') }}"',
    ].join('\n');
    const { resolve } = setup({ 'app/profiles.yml': yml });
    expect(resolve({ env: { SCHEMA: 'ci', THREADS: '8' } }).target).toMatchObject({
      name: 'dev',
      schema: 'ci',
      password: 'none',
      threads: 8,
    });
    expect(thrownProblems(() => resolve({ env: { THREADS: '8' } }))).toEqual([
      "profiles.yml:6:15 warehouse.outputs.dev.schema: environment variable 'SCHEMA' is not set — export SCHEMA=…, or give a default: env_var('SCHEMA', '…')",
    ]);
  });

  it("converts with dbt's as_number / as_bool / as_native, and names a value that does not convert", () => {
    const yml = [
      'warehouse:',
      '  outputs:',
      '    dev:',
      '      type: postgres',
      '      schema: s',
      '      port: "{{ env_var(\'PORT\') | as_number }}"',
      "      sslmode_on: \"{{ env_var('SSL', 'true') | as_bool }}\"",
      '      settings: "{{ env_var(\'SETTINGS\') | as_native }}"',
      '      label: "{{ env_var(\'PORT\') | as_text }}"',
    ].join('\n');
    const { resolve } = setup({ 'app/profiles.yml': yml });
    expect(resolve({ env: { PORT: '5433', SETTINGS: '{a: 1}' } }).target).toMatchObject({
      port: 5433,
      sslmode_on: true,
      settings: { a: 1 },
      label: '5433',
    });
    expect(thrownProblems(() => resolve({ env: { PORT: 'x', SETTINGS: '1' } }))).toEqual([
      expect.stringMatching(
        /^profiles\.yml:6:13 warehouse\.outputs\.dev\.port: cannot render .*'x' is not a number/,
      ),
    ]);
  });

  it('validates type, threads and schema', () => {
    const yml =
      'warehouse:\n  target: dev\n  outputs:\n    dev:\n      schema: s\n    bad:\n      type: postgres\n      threads: 0\n';
    const { resolve } = setup({ 'app/profiles.yml': yml });
    expect(thrownProblems(() => resolve())).toEqual([
      'profiles.yml:5:7 warehouse.outputs.dev.type: Invalid input: expected string, received undefined',
    ]);
    expect(thrownProblems(() => resolve({ target: 'bad' }))).toEqual([
      'profiles.yml:8:7 threads must be a positive integer, got 0 — set threads: 4 (or any whole number ≥ 1)',
      "profiles.yml:6:5 target 'bad' has no schema — add `schema: <name>`: models are built there unless they set their own",
    ]);
  });

  it("names a DuckDB target's database after the catalog its path opens, as dbt-duckdb does", () => {
    const profile = (extra: string) =>
      setup({ 'app/profiles.yml': profileYml('s', extra) }).resolve().target.database;
    expect(profile('      path: /data/warehouse.duckdb\n')).toBe('warehouse');
    expect(profile('      path: ":memory:"\n')).toBe('memory');
    expect(profile('')).toBe('memory');
    expect(profile('      path: /data/warehouse.duckdb\n      database: warehouse\n')).toBe(
      'warehouse',
    );
  });

  it('refuses a DuckDB database: that is not the catalog its path opens', () => {
    const { resolve } = setup({
      'app/profiles.yml': profileYml('s', '      path: dev.duckdb\n      database: prod\n'),
    });
    expect(thrownProblems(() => resolve())).toEqual([
      "profiles.yml:9:7 database 'prod' does not match path 'dev.duckdb': DuckDB names that database 'dev' — set database: dev, or remove database: (it follows the path)",
    ]);
  });

  it('errors listing the profiles when the named profile is missing', () => {
    const { resolve } = setup({ 'app/profiles.yml': 'other:\n  outputs: {}\nconfig: {}\n' });
    expect(thrownProblems(() => resolve())).toEqual([
      "profiles.yml profile 'warehouse' (from project.yml) is not in profiles.yml — profiles there: other",
    ]);
  });
});

describe('resolveProfile embedded default', () => {
  it('uses DuckDB beside the project file (not under the target path) when no profiles.yml exists', () => {
    const { base, resolve } = setup({}, 'name: app\ntarget-path: out\n');
    expect(resolve()).toEqual({
      target: {
        type: 'duckdb',
        name: 'default',
        profile_name: 'app',
        schema: 'main',
        database: 'app',
        threads: 4,
        path: path.join(base, 'app/app.duckdb'),
      },
    });
  });

  it('refuses to start an empty database when one is at the old default place, target/<project>.duckdb', () => {
    const { resolve } = setup({ 'app/target/app.duckdb': 'x' }, 'name: app\n');
    expect(thrownProblems(() => resolve())).toEqual([
      'target/app.duckdb the embedded database is now app.duckdb, beside project.yml; a database is still at the old place, target/app.duckdb — move it out of the target folder (which `tsmodel clean` deletes): mv target/app.duckdb app.duckdb',
    ]);
  });

  it('is never used for a project that names a profile: no profiles.yml is an error listing the places searched', () => {
    const { base, resolve } = setup({});
    const [problem] = thrownProblems(() => resolve());
    expect(problem).toContain(
      `project.yml profile 'warehouse' (from project.yml) not found: no profiles.yml in profiles.yml, ${path.join(base, 'home/.tsmodel/profiles.yml')}, ${path.join(base, 'home/.dbt/profiles.yml')}`,
    );
    expect(problem).toContain('remove `profile:`');
  });

  it('has no targets: --target without a profile is an error, with or without a profiles.yml', () => {
    const { resolve } = setup({}, 'name: app\n');
    expect(thrownProblems(() => resolve({ target: 'prod' }))).toEqual([
      expect.stringMatching(/^--target prod: the project names no profile and none was found in /),
    ]);
    const { resolve: withOther } = setup({ 'app/profiles.yml': profileYml('x') }, 'name: app\n');
    expect(thrownProblems(() => withOther({ target: 'prod' }))).toEqual([
      expect.stringMatching(
        /^--target prod: the project names no profile and none was found in profiles\.yml/,
      ),
    ]);
  });

  it('also applies when profiles.yml exists but the project names no profile found there', () => {
    const { resolve } = setup({ 'home/.tsmodel/profiles.yml': profileYml('x') }, 'name: app\n');
    expect(resolve()).toMatchObject({ target: { name: 'default', profile_name: 'app' } });
  });
});
