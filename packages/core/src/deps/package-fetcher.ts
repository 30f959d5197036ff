/**
 * The {@link PackageSource} of a real `tsmodel deps`: hub metadata over HTTP, git checkouts,
 * tarball downloads and local folders. What it fetches is staged in a folder inside the
 * install path (so installing is a rename on one filesystem) and reused by the install step;
 * `dispose()` removes whatever was not installed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { CompileErrors, TsmodelError, type SourceLocation } from '../diagnostics';
import { checkoutGit, type GitRemote } from './git-checkout';
import { HubClient } from './hub-client';
import { sameLockEntry, type LockEntry } from './lock-file';
import type { PackageEntry } from './package-entry';
import { packageProjectName } from './package-project-name';
import { packageEntryList } from './packages-file-schema';
import { readPackagesFile, toPackageEntry } from './packages-file';
import { privateGitUrl } from './private-git-url';
import type { FetchedPackage, PackageSource, PinnedRequest } from './resolve-packages';
import { downloadTarball } from './tarball-download';

/** A package ready to install: a staged folder to move, or a local folder to link. */
export interface MaterializedPackage {
  dir: string;
  link: boolean;
}

type Env = Record<string, string | undefined>;

export class PackageFetcher implements PackageSource {
  private readonly hub: HubClient;
  private readonly staged: Array<{ lock: LockEntry; found: MaterializedPackage }> = [];
  private stagingDir: string | undefined;
  private count = 0;

  /** `rootDir`: the root project; `installDir`: its absolute packages-install-path. */
  constructor(
    private readonly rootDir: string,
    private readonly installDir: string,
    private readonly env: Env,
  ) {
    this.hub = new HubClient(env);
  }

  async hubVersions(entry: PackageEntry & { kind: 'hub' }): Promise<string[]> {
    return Object.keys(await this.hub.versions(entry.package, entry.location));
  }

  async fetch({ entry, version }: PinnedRequest): Promise<FetchedPackage> {
    switch (entry.kind) {
      case 'hub': {
        const versions = await this.hub.versions(entry.package, entry.location);
        const metadata = versions[version!]!;
        const location = { file: `${this.hub.baseUrl}api/v1/${entry.package}.json` };
        const parsed = packageEntryList.safeParse(metadata.packages ?? []);
        if (!parsed.success) {
          throw new TsmodelError({
            code: 'hub-bad-response',
            message: `the hub lists dependencies of ${entry.package} ${version} that are not package entries: ${parsed.error.issues[0]?.message ?? ''}`,
            location,
          });
        }
        const packages = parsed.data.map((raw) => toPackageEntry(raw, raw, location, this.rootDir));
        return {
          name: metadata.name,
          packages,
          lock: { name: metadata.name, package: entry.package, version: version! },
        };
      }
      case 'git':
      case 'private': {
        const remote: GitRemote =
          entry.kind === 'git'
            ? { url: entry.git, shown: String(entry.raw.git) }
            : { url: privateGitUrl(entry, this.env), shown: `private ${entry.private}` };
        const checkout = this.newStagingFolder();
        const { sha, unpinned } = await checkoutGit(
          remote,
          entry.revision,
          checkout,
          this.env,
          entry.location,
        );
        const dir = this.packageFolder(checkout, entry.subdirectory, remote.shown, entry.location);
        const found = this.readPackage(dir, remote.shown, entry.location);
        const pinned = { ...(entry.subdirectory ? { subdirectory: entry.subdirectory } : {}) };
        const lock: LockEntry =
          entry.kind === 'git'
            ? { name: found.name, git: remote.shown, revision: sha, ...pinned }
            : {
                name: found.name,
                private: entry.private,
                revision: sha,
                ...(entry.provider ? { provider: entry.provider } : {}),
                ...pinned,
              };
        this.staged.push({ lock, found: { dir, link: false } });
        return { ...found, lock, ...(unpinned ? { unpinned } : {}) };
      }
      case 'local': {
        const dir = path.resolve(entry.baseDir, entry.local);
        const shown = String(entry.raw.local);
        if (!existsSync(dir) || !statSync(dir).isDirectory()) {
          throw new TsmodelError({
            code: 'local-package-missing',
            message: `local package '${shown}' does not exist (${dir})`,
            location: entry.location,
            hint: 'local paths are relative to the project that lists them',
          });
        }
        const found = this.readPackage(dir, `local package '${shown}'`, entry.location);
        const written = entry.baseDir === this.rootDir ? shown : path.relative(this.rootDir, dir);
        const lock: LockEntry = { name: found.name, local: written.split(path.sep).join('/') };
        this.staged.push({ lock, found: { dir, link: true } });
        return { ...found, lock };
      }
      case 'tarball': {
        const shown = String(entry.raw.tarball);
        const dir = await downloadTarball(
          { url: entry.tarball, shown },
          this.newStagingFolder(),
          entry.location,
        );
        const found = this.readPackage(dir, `tarball ${shown}`, entry.location);
        const lock: LockEntry = { name: entry.name, tarball: shown };
        this.staged.push({ lock, found: { dir, link: false } });
        return { ...found, name: entry.name, lock };
      }
    }
  }

  /**
   * The folder holding `lock` (as written) ready to install, fetched unless resolution
   * already did; `rendered` is the same entry with `env_var()` rendered.
   */
  async materialize(
    lock: LockEntry,
    rendered: LockEntry,
    location: SourceLocation,
  ): Promise<MaterializedPackage> {
    const done = this.staged.find((s) => sameLockEntry(s.lock, lock));
    if (done) return done.found;
    if ('package' in rendered) {
      const versions = await this.hub.versions(rendered.package, location);
      const metadata = versions[rendered.version];
      if (!metadata) {
        throw new TsmodelError({
          code: 'hub-version-gone',
          message: `the hub no longer lists ${rendered.package} ${rendered.version}, which package-lock.yml pins`,
          location,
          hint: 'run `tsmodel deps --upgrade` to resolve again',
        });
      }
      const shown = `${rendered.package} ${rendered.version}`;
      const dir = await downloadTarball(
        { url: metadata.downloads.tarball, shown },
        this.newStagingFolder(),
        location,
      );
      return { dir, link: false };
    }
    if ('local' in rendered) return { dir: path.resolve(this.rootDir, rendered.local), link: true };
    if ('tarball' in rendered) {
      const shown = (lock as { tarball: string }).tarball;
      const source = { url: rendered.tarball, shown };
      return { dir: await downloadTarball(source, this.newStagingFolder(), location), link: false };
    }
    const remote: GitRemote =
      'git' in rendered
        ? { url: rendered.git, shown: (lock as { git: string }).git }
        : {
            url: privateGitUrl(
              {
                kind: 'private',
                private: rendered.private,
                ...(rendered.provider ? { provider: rendered.provider } : {}),
                warnUnpinned: false,
                raw: {},
                rendered: {},
                location,
              },
              this.env,
            ),
            shown: `private ${rendered.private}`,
          };
    const checkout = this.newStagingFolder();
    await checkoutGit(remote, rendered.revision, checkout, this.env, location);
    return {
      dir: this.packageFolder(checkout, rendered.subdirectory, remote.shown, location),
      link: false,
    };
  }

  /** A fresh folder inside the staging area (created, with the install path, on first use). */
  newStagingFolder(): string {
    if (!this.stagingDir) {
      mkdirSync(this.installDir, { recursive: true });
      this.stagingDir = mkdtempSync(path.join(this.installDir, '.tsmodel-staging-'));
    }
    return path.join(this.stagingDir, String(this.count++));
  }

  /** Removes the staging area and everything left in it. */
  dispose(): void {
    if (this.stagingDir) rmSync(this.stagingDir, { recursive: true, force: true });
    this.stagingDir = undefined;
  }

  /** The package inside a checkout (its `subdirectory:`), without the clone's .git (it may hold a token). */
  private packageFolder(
    checkout: string,
    subdirectory: string | undefined,
    shown: string,
    location: SourceLocation,
  ): string {
    rmSync(path.join(checkout, '.git'), { recursive: true, force: true });
    if (subdirectory === undefined) return checkout;
    const dir = path.resolve(checkout, subdirectory);
    const inside = path.relative(checkout, dir);
    if (inside.startsWith('..') || path.isAbsolute(inside) || !existsSync(dir)) {
      throw new TsmodelError({
        code: 'git-subdirectory-missing',
        message: `${shown} has no folder '${subdirectory}'`,
        location,
        hint: 'check `subdirectory:` (a path inside the repository)',
      });
    }
    return dir;
  }

  /** Name and own packages of the package in `dir`. */
  private readPackage(
    dir: string,
    shown: string,
    location: SourceLocation,
  ): Omit<FetchedPackage, 'lock'> {
    const name = packageProjectName(dir, shown, location);
    const { packages, errors } = readPackagesFile(dir, this.rootDir, this.env);
    if (errors.length > 0) throw new CompileErrors(errors);
    return { name, packages: packages?.entries ?? [] };
  }
}
