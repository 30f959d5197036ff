import { describe, expect, it } from 'vitest';
import { TsmodelError } from '../diagnostics';
import { toPackageEntry } from './packages-file';
import type { PackageEntry } from './package-entry';
import {
  resolvePackages,
  type FetchedPackage,
  type PackageSource,
  type PinnedRequest,
} from './resolve-packages';

const entry = (raw: Record<string, unknown>, file = 'packages.yml'): PackageEntry =>
  toPackageEntry(raw, raw, { file }, '/project');

/** Packages in memory: a hub (name → version → its dependencies) and git repositories by URL (without .git). */
function memorySource(
  hub: Record<string, Record<string, Array<Record<string, unknown>>>>,
  git: Record<string, { name: string; packages?: Array<Record<string, unknown>> }> = {},
): PackageSource {
  return {
    hubVersions: async (e) => Object.keys(hub[e.package] ?? {}),
    fetch: async ({ entry: e, version }: PinnedRequest): Promise<FetchedPackage> => {
      if (e.kind === 'hub') {
        const name = e.package.split('/')[1]!;
        const packages = hub[e.package]![version!]!.map((raw) => entry(raw, 'hub'));
        return { name, packages, lock: { name, package: e.package, version: version! } };
      }
      if (e.kind !== 'git') throw new Error('not in this source');
      const repo = git[e.git.replace(/\.git$/, '')]!;
      return {
        name: repo.name,
        packages: (repo.packages ?? []).map((raw) => entry(raw, e.git)),
        lock: { name: repo.name, git: e.git, revision: e.revision ?? 'abc' },
      };
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TsmodelError) return error.message;
    throw error;
  }
  throw new Error('expected a TsmodelError');
}

describe('resolvePackages', () => {
  it('re-picks a hub version when a later dependent narrows the range, and follows the new version', async () => {
    const source = memorySource({
      'a/utils': {
        '1.0.0': [],
        '2.0.0': [{ package: 'a/old_dep', version: '1.0.0' }],
        '1.5.0': [{ package: 'a/new_dep', version: '1.0.0' }],
      },
      'a/old_dep': { '1.0.0': [] },
      'a/new_dep': { '1.0.0': [] },
      'a/pinner': { '1.0.0': [{ package: 'a/utils', version: '<2.0.0' }] },
    });
    const { packages } = await resolvePackages(
      [
        entry({ package: 'a/utils', version: '>=1.0.0' }),
        entry({ package: 'a/pinner', version: '1.0.0' }),
      ],
      'packages.yml',
      'root',
      source,
    );
    const locks = packages.map((p) => p.lock);
    expect(locks).toContainEqual({ name: 'utils', package: 'a/utils', version: '1.5.0' });
    expect(locks).toContainEqual({ name: 'new_dep', package: 'a/new_dep', version: '1.0.0' });
  });

  it('refuses two revisions of one git package, naming who asked for each', async () => {
    const source = memorySource(
      { 'a/x': { '1.0.0': [{ git: 'https://h/r.git', revision: 'v2' }] } },
      { 'https://h/r': { name: 'r' } },
    );
    const message = await failure(
      resolvePackages(
        [
          entry({ git: 'https://h/r', revision: 'v1' }),
          entry({ package: 'a/x', version: '1.0.0' }),
        ],
        'packages.yml',
        'root',
        source,
      ),
    );
    expect(message).toBe(
      'https://h/r is asked for at different revisions: packages.yml asks for revision v1; a/x (x) asks for revision v2',
    );
  });

  it('refuses two sources installing one project name, and a package named like the root', async () => {
    const source = memorySource(
      { 'a/utils': { '1.0.0': [] } },
      { 'https://h/utils': { name: 'utils' } },
    );
    const clash = await failure(
      resolvePackages(
        [
          entry({ package: 'a/utils', version: '1.0.0' }),
          entry({ git: 'https://h/utils.git', revision: 'v1' }),
        ],
        'packages.yml',
        'root',
        source,
      ),
    );
    expect(clash).toBe("a/utils and https://h/utils.git both install a project named 'utils'");
    const root = await failure(
      resolvePackages(
        [entry({ package: 'a/utils', version: '1.0.0' })],
        'packages.yml',
        'utils',
        source,
      ),
    );
    expect(root).toBe("package a/utils is a project named 'utils', like this project");
  });
});
