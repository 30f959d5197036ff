/**
 * `tsmodel deps` end to end: a hub on loopback, git packages from bare repositories made with
 * real git, a local package; then the installed packages used by `compile`.
 */
import { existsSync, lstatSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli, tempProject } from '../test-io';
import { gitRepo, startHub, type FakeHub, type GitRepoFixture } from './deps-fixtures';

const utils = (version: string) => ({
  files: {
    'project.yml': `name: dbt_utils\nversion: "${version}"\n`,
    'models/utils_model.sql': `select '${version}' as utils_version\n`,
  },
});

let hub: FakeHub;
let helpers: GitRepoFixture;

beforeEach(async () => {
  hub = await startHub({
    'dbt-labs/dbt_utils': {
      '1.0.0': utils('1.0.0'),
      '1.1.1': utils('1.1.1'),
      '2.0.0': utils('2.0.0'),
    },
    'acme/segment': {
      '0.9.0': {
        files: { 'dbt_project.yml': 'name: segment\nconfig-version: 2\n' },
        packages: [{ package: 'dbt-labs/dbt_utils', version: ['>=1.0.0', '<2.0.0'] }],
      },
    },
  });
  helpers = gitRepo({
    'v0.1.0': {
      'project.yml': 'name: helpers\n',
      'packages.yml': 'packages:\n  - package: dbt-labs/dbt_utils\n    version: ">=1.1.0"\n',
    },
  });
});
afterEach(() => hub.close());

/** A root project next to a local package `shared/`, with `packages` as its packages.yml. */
function project(packages: string, extra: Record<string, string> = {}): string {
  const base = tempProject({
    'app/project.yml': 'name: app\n',
    'app/models/a.sql': "select * from {{ ref('utils_model') }}\n",
    ...(packages ? { 'app/packages.yml': packages } : {}),
    'shared/project.yml': 'name: shared_macros\n',
    'shared/macros/m.sql': '{% macro shout(x) %}upper({{ x }}){% endmacro %}\n',
    ...extra,
  });
  return join(base, 'app');
}

const tree = () =>
  [
    'packages:',
    '  - package: acme/segment',
    '    version: 0.9.0',
    `  - git: "${helpers.url}"`,
    '    revision: v0.1.0',
    '  - local: ../shared',
    '',
  ].join('\n');

const deps = (dir: string, ...args: string[]) =>
  runCli(['deps', '--project-dir', dir, ...args], dir, { DBT_PACKAGE_HUB_URL: hub.url });
const lockOf = (dir: string) =>
  parse(readFileSync(join(dir, 'package-lock.yml'), 'utf8')) as {
    packages: Array<Record<string, string>>;
    sha1_hash: string;
  };

describe('tsmodel deps', () => {
  it('installs a hub + git + local tree with a transitive hub package, writes the lock, and compile uses it', async () => {
    const dir = project(tree());
    const first = await deps(dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(readdirSync(join(dir, 'dbt_packages')).sort()).toEqual([
      '.tsmodel-deps.json',
      'dbt_utils',
      'helpers',
      'segment',
      'shared_macros',
    ]);
    expect(lstatSync(join(dir, 'dbt_packages/shared_macros')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(dir, 'dbt_packages/helpers/.git'))).toBe(false);
    const lock = lockOf(dir);
    expect(lock.sha1_hash).toMatch(/^[0-9a-f]{40}$/);
    expect(lock.packages).toEqual([
      { name: 'segment', package: 'acme/segment', version: '0.9.0' },
      { git: helpers.url, name: 'helpers', revision: helpers.shas['v0.1.0'] },
      { local: '../shared', name: 'shared_macros' },
      // Transitive: segment asks for >=1.0.0,<2.0.0, helpers for >=1.1.0.
      { name: 'dbt_utils', package: 'dbt-labs/dbt_utils', version: '1.1.1' },
    ]);

    const compiled = await runCli(['compile', '--project-dir', dir], dir);
    expect(compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'target/manifest.json'), 'utf8'));
    expect(manifest.nodes['model.dbt_utils.utils_model']).toBeDefined();

    const requests = hub.requests.length;
    const second = await deps(dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('package-lock.yml is up to date');
    expect(second.stdout).toContain(
      'All 4 packages are installed at the versions in package-lock.yml; nothing to do',
    );
    expect(hub.requests.length).toBe(requests);
  });

  it('honours the lock until --upgrade, which installs the newest version the ranges allow', async () => {
    const dir = project(
      'packages:\n  - package: dbt-labs/dbt_utils\n    version: [">=1.0.0", "<3.0.0"]\n',
    );
    expect((await deps(dir)).code).toBe(0);
    expect(lockOf(dir).packages[0]!.version).toBe('2.0.0');
    await hub.publish('dbt-labs/dbt_utils', '2.1.0', utils('2.1.0'));

    const kept = await deps(dir);
    expect(kept.stdout).toContain('nothing to do');
    expect(lockOf(dir).packages[0]!.version).toBe('2.0.0');

    const upgraded = await deps(dir, '--upgrade');
    expect(upgraded.code).toBe(0);
    expect(upgraded.stdout).toContain('Installed dbt_utils (dbt-labs/dbt_utils 2.1.0)');
    expect(lockOf(dir).packages[0]!.version).toBe('2.1.0');
    const installed = readFileSync(
      join(dir, 'dbt_packages/dbt_utils/models/utils_model.sql'),
      'utf8',
    );
    expect(installed).toContain('2.1.0');
  });

  it('--add-package writes packages.yml and installs; --lock resolves without installing', async () => {
    const dir = project('');
    const added = await deps(dir, '--add-package', 'dbt-labs/dbt_utils@1.0.0', '--lock');
    expect(added.code).toBe(0);
    expect(parse(readFileSync(join(dir, 'packages.yml'), 'utf8'))).toEqual({
      packages: [{ package: 'dbt-labs/dbt_utils', version: '1.0.0' }],
    });
    expect(lockOf(dir).packages).toEqual([
      { name: 'dbt_utils', package: 'dbt-labs/dbt_utils', version: '1.0.0' },
    ]);
    expect(existsSync(join(dir, 'dbt_packages'))).toBe(false);

    const replaced = await deps(dir, '--add-package', 'dbt-labs/dbt_utils@1.1.1');
    expect(replaced.code).toBe(0);
    expect(parse(readFileSync(join(dir, 'packages.yml'), 'utf8'))).toEqual({
      packages: [{ package: 'dbt-labs/dbt_utils', version: '1.1.1' }],
    });
    expect(readFileSync(join(dir, 'dbt_packages/dbt_utils/project.yml'), 'utf8')).toContain(
      '1.1.1',
    );
  });

  it('a project whose declared packages are not installed fails naming them and `tsmodel deps`', async () => {
    const dir = project('packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n');
    const before = await runCli(['compile', '--project-dir', dir], dir);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('dbt-labs/dbt_utils');
    expect(before.stderr).toContain('run `tsmodel deps`');
    expect(before.stdout).not.toContain('Nothing to do');

    expect((await deps(dir)).code).toBe(0);
    writeFileSync(
      join(dir, 'packages.yml'),
      'packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.0.0\n',
    );
    const stale = await runCli(['compile', '--project-dir', dir], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('packages.yml has changed since package-lock.yml was written');
  });

  it('accepts a lock from dbt before 1.9 (no names): keeps its pins and adds the names', async () => {
    const dir = project(tree());
    expect((await deps(dir)).code).toBe(0);
    const pinned = lockOf(dir);
    // As dbt 1.7/1.8 wrote it: the same pins and hash, no `name:`.
    const legacy = stringify({
      packages: pinned.packages.map(({ name: _name, ...entry }) => entry),
      sha1_hash: pinned.sha1_hash,
    });
    expect(legacy).not.toContain('name:');
    writeFileSync(join(dir, 'package-lock.yml'), legacy);

    const compile = await runCli(['compile', '--project-dir', dir], dir);
    expect(compile.code).toBe(1);
    expect(compile.stderr).toContain('package-lock.yml was written by dbt before 1.9');
    expect(compile.stderr).toContain('run `tsmodel deps`');

    const again = await deps(dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('keeping its pinned versions and adding the names');
    expect(lockOf(dir)).toEqual(pinned);
    expect((await runCli(['compile', '--project-dir', dir], dir)).code).toBe(0);
  });

  it('a range conflict names who asked for what', async () => {
    const dir = project(
      'packages:\n  - package: dbt-labs/dbt_utils\n    version: 2.0.0\n  - package: acme/segment\n    version: 0.9.0\n',
    );
    const result = await deps(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no version of dbt-labs/dbt_utils satisfies every request');
    expect(result.stderr).toContain('packages.yml asks for 2.0.0');
    expect(result.stderr).toContain('acme/segment (segment) asks for >=1.0.0, <2.0.0');
    expect(existsSync(join(dir, 'package-lock.yml'))).toBe(false);
  });

  it('warns about a git package that follows a branch, unless warn-unpinned: false', async () => {
    const warned = project(`packages:\n  - git: "${helpers.url}"\n`);
    const result = await deps(warned);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('is not pinned: it follows the default branch');

    const quiet = project(
      `packages:\n  - git: "${helpers.url}"\n    revision: main\n    warn-unpinned: false\n`,
    );
    const silent = await deps(quiet);
    expect(silent.code).toBe(0);
    expect(silent.stderr).not.toContain('not pinned');
  });

  it('never replaces a folder of the install path it did not install', async () => {
    const dir = project('packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n', {
      'app/dbt_packages/dbt_utils/notes.txt': 'mine\n',
    });
    const result = await deps(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'dbt_packages/dbt_utils exists and was not installed by `tsmodel deps`',
    );
    expect(readdirSync(join(dir, 'dbt_packages/dbt_utils'))).toEqual(['notes.txt']);
  });

  it('keeps a token from a private git URL out of the lock, the output and the installed files', async () => {
    const token = 'tok-s3cr3t-0123456789';
    const secretUrl = `https://${token}@git.example.invalid/acme/helpers.git`;
    const dir = project(
      [
        'packages:',
        `  - git: "https://{{ env_var('DBT_ENV_SECRET_GIT_TOKEN') }}@git.example.invalid/acme/helpers.git"`,
        '    revision: v0.1.0',
        '',
      ].join('\n'),
    );
    // git rewrites the private URL to the local bare repository (url.<base>.insteadOf).
    const env = {
      DBT_PACKAGE_HUB_URL: hub.url,
      DBT_ENV_SECRET_GIT_TOKEN: token,
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `url.${helpers.url}.insteadOf`,
      GIT_CONFIG_VALUE_0: secretUrl,
    };
    const result = await runCli(['deps', '--project-dir', dir, '--debug'], dir, env);
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(token);
    const lock = readFileSync(join(dir, 'package-lock.yml'), 'utf8');
    expect(lock).toContain("{{ env_var('DBT_ENV_SECRET_GIT_TOKEN') }}");
    expect(lock).not.toContain(token);
    for (const file of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      expect(readFileSync(join(file.parentPath, file.name), 'utf8')).not.toContain(token);
    }
    expect((await runCli(['deps', '--project-dir', dir], dir, env)).stdout).toContain(
      'nothing to do',
    );
  });

  it('installs a private: package through DBT_ENV_PRIVATE_GIT_PROVIDER_INFO without writing its token', async () => {
    const token = 'ghp-private-0123456789';
    const dir = project('packages:\n  - private: acme/helpers\n    revision: v0.1.0\n');
    const env = {
      DBT_PACKAGE_HUB_URL: hub.url,
      DBT_ENV_PRIVATE_GIT_PROVIDER_INFO: JSON.stringify([
        {
          org: 'acme',
          url: 'https://{token}@git.example.invalid/acme/{repo}.git',
          token,
          provider: 'github',
        },
      ]),
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `url.${helpers.url}.insteadOf`,
      GIT_CONFIG_VALUE_0: `https://${token}@git.example.invalid/acme/helpers.git`,
    };
    const result = await runCli(['deps', '--project-dir', dir], dir, env);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain(token);
    expect(lockOf(dir).packages).toContainEqual({
      name: 'helpers',
      private: 'acme/helpers',
      revision: helpers.shas['v0.1.0'],
    });
    expect(readFileSync(join(dir, 'package-lock.yml'), 'utf8')).not.toContain(token);
  });
});
