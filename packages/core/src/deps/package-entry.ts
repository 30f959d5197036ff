/**
 * One entry of packages.yml / dependencies.yml (or of a hub package's metadata), after
 * validation and `env_var()` rendering. Each entry keeps the mapping as written (`raw`),
 * because package-lock.yml and messages must show `{{ env_var('DBT_ENV_SECRET_…') }}`, never
 * the secret it renders to, and dbt's `sha1_hash` covers both forms.
 */
import path from 'node:path';
import type { SourceLocation } from '../diagnostics';

interface EntryBase {
  /** The mapping exactly as written, templates unrendered. */
  raw: Record<string, unknown>;
  /** The mapping with `env_var()` rendered: what is fetched. Holds secrets; never printed. */
  rendered: Record<string, unknown>;
  /** Where the entry was written (a packages.yml line, or a hub URL for hub metadata). */
  location: SourceLocation;
}

/** `package: dbt-labs/dbt_utils` with `version:` one dbt specifier or a list of them. */
export interface HubEntry extends EntryBase {
  kind: 'hub';
  package: string;
  versions: string[];
  installPrerelease: boolean;
}

/** `git:` URL at `revision:` (a tag, branch or commit; none means the default branch). */
export interface GitEntry extends EntryBase {
  kind: 'git';
  git: string;
  revision?: string;
  subdirectory?: string;
  warnUnpinned: boolean;
}

/**
 * dbt's `private: org/repo` form: a git repository named without its URL, resolved through
 * `DBT_ENV_PRIVATE_GIT_PROVIDER_INFO` (URL templates with tokens) or else an SSH URL.
 */
export interface PrivateEntry extends EntryBase {
  kind: 'private';
  private: string;
  provider?: string;
  revision?: string;
  subdirectory?: string;
  warnUnpinned: boolean;
}

/** `local:` a folder, relative to the project that declares it. */
export interface LocalEntry extends EntryBase {
  kind: 'local';
  local: string;
  /** Absolute directory of the project that declares it, which `local` is relative to. */
  baseDir: string;
}

/** `tarball:` URL of a .tar.gz holding one folder, installed as `name:`. */
export interface TarballEntry extends EntryBase {
  kind: 'tarball';
  tarball: string;
  name: string;
}

export type PackageEntry = HubEntry | GitEntry | PrivateEntry | LocalEntry | TarballEntry;

/**
 * What identifies "the same package" when several projects ask for it, as dbt keys them: the
 * hub name, the git URL (with or without `.git`) plus subdirectory, the private name, the
 * local path or the tarball URL. Two requests with one key are merged; different keys that
 * install the same project name are a conflict found after fetching.
 */
export function entryKey(entry: PackageEntry): string {
  switch (entry.kind) {
    case 'hub':
      return `hub:${entry.package}`;
    case 'git':
      return `git:${entry.git.replace(/\.git$/, '')}${entry.subdirectory ? `/${entry.subdirectory}` : ''}`;
    case 'private':
      return `private:${entry.private}${entry.subdirectory ? `/${entry.subdirectory}` : ''}`;
    case 'local':
      return `local:${path.resolve(entry.baseDir, entry.local)}`;
    case 'tarball':
      return `tarball:${entry.tarball}`;
  }
}

/** The entry as a user recognises it, from the unrendered text (safe to print). */
export function describeEntry(entry: PackageEntry): string {
  const raw = (key: string) => String(entry.raw[key]);
  switch (entry.kind) {
    case 'hub':
      return entry.package;
    case 'git':
      return `${raw('git')}${entry.subdirectory ? ` (${entry.subdirectory})` : ''}`;
    case 'private':
      return `private ${entry.private}`;
    case 'local':
      return `local ${raw('local')}`;
    case 'tarball':
      return `tarball ${raw('tarball')}`;
  }
}
