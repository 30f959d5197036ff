/**
 * package-lock.yml in dbt's format: every package of the tree (direct and transitive) pinned —
 * hub packages to a version, git to a commit — with the project name it installs as, and
 * `sha1_hash` of the packages file it was resolved from. Git and tarball URLs are written as
 * the user wrote them (`{{ env_var('DBT_ENV_SECRET_…') }}` unrendered), so no secret lands in it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import * as z from 'zod';
import { TsmodelError } from '../diagnostics';
import { EnvVarRenderer } from '../project/env-var-renderer';
import { displayPath } from '../project/read-project-file';
import { YamlFile } from '../yaml/yaml-file';

export const LOCK_FILE_NAME = 'package-lock.yml';

/** One pinned package, keys as dbt writes them. */
export type LockEntry =
  | { name: string; package: string; version: string }
  | { name: string; git: string; revision: string; subdirectory?: string }
  | { name: string; private: string; revision: string; provider?: string; subdirectory?: string }
  | { name: string; local: string }
  | { name: string; tarball: string };

/** An entry as dbt before 1.9 wrote it: pinned, but without the project name it installs as. */
export type LegacyLockEntry = DistributiveOmit<LockEntry, 'name'> & { name?: string };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface LockFile {
  /** Absolute path, for messages. */
  file: string;
  entries: LockEntry[];
  /**
   * Set when some entry has no `name:` (dbt < 1.9): then `entries` is empty and `deps`
   * resolves these pins again to learn the names, keeping every version.
   */
  legacyEntries?: LegacyLockEntry[];
  /** `sha1_hash`: the packages file this lock was resolved from (see package-hash.ts). */
  sha1Hash?: string;
  /** The parsed file, to locate problems in rendering its `env_var()`s. */
  yaml: YamlFile;
}

const projectName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  error: 'must be a project name: letters, digits and underscores',
});
const text = z.union([z.string(), z.number()]).transform(String);
const lockEntry = z.union(
  [
    z.strictObject({ name: projectName.optional(), package: z.string(), version: text }),
    z.strictObject({
      name: projectName.optional(),
      git: z.string(),
      revision: text,
      subdirectory: z.string().optional(),
    }),
    z.strictObject({
      name: projectName.optional(),
      private: z.string(),
      revision: text,
      provider: z.string().optional(),
      subdirectory: z.string().optional(),
    }),
    z.strictObject({ name: projectName.optional(), local: z.string() }),
    z.strictObject({ name: projectName.optional(), tarball: z.string() }),
  ],
  {
    error:
      'expected a pinned package (`package:` + `version:`, `git:`/`private:` + `revision:`, `local:` or `tarball:`)',
  },
);
const lockFileSchema = z.strictObject({
  packages: z.array(lockEntry).nullable().optional(),
  sha1_hash: z.string().optional(),
});

/** Reads `<dir>/package-lock.yml`; `lock` is unset when there is none or it has problems. */
export function readLockFile(
  dir: string,
  displayBase: string,
): { lock?: LockFile; errors: TsmodelError[] } {
  const file = path.join(dir, LOCK_FILE_NAME);
  if (!existsSync(file)) return { errors: [] };
  const { yaml, errors } = YamlFile.parse(
    readFileSync(file, 'utf8'),
    displayPath(displayBase, file),
  );
  if (!yaml) return { errors };
  const { value, errors: schemaErrors } = yaml.validate(lockFileSchema);
  if (!value) {
    return {
      errors: schemaErrors.map(
        (error) =>
          new TsmodelError({
            code: 'lock-file-invalid',
            message: error.message,
            ...(error.location ? { location: error.location } : {}),
            ...(error.excerpt ? { excerpt: error.excerpt } : {}),
            hint: 'run `tsmodel deps --upgrade` to write it again from packages.yml',
          }),
      ),
    };
  }
  const all = (value.packages ?? []) as LegacyLockEntry[];
  const legacy = all.some((entry) => entry.name === undefined);
  return {
    lock: {
      file,
      entries: legacy ? [] : (all as LockEntry[]),
      ...(legacy ? { legacyEntries: all } : {}),
      ...(value.sha1_hash === undefined ? {} : { sha1Hash: value.sha1_hash }),
      yaml,
    },
    errors: [],
  };
}

/**
 * The lock's entries with `env_var()` rendered (secret variables allowed, as in packages.yml):
 * what to fetch. Never printed or written.
 */
export function renderLockEntries<E extends LegacyLockEntry = LockEntry>(
  lock: LockFile,
  env: Record<string, string | undefined>,
  entries: readonly E[] = lock.entries as unknown as E[],
): { rendered: E[]; errors: TsmodelError[] } {
  const errors: TsmodelError[] = [];
  const renderer = new EnvVarRenderer(env, true);
  const rendered = renderer.renderTree(entries, ['packages'], lock.yaml, errors) as E[];
  return { rendered, errors };
}

/** The text of package-lock.yml, keys sorted and lists indented as dbt writes them. */
export function formatLockFile(entries: readonly LockEntry[], sha1Hash: string): string {
  const sorted = entries.map((entry) =>
    Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : 1))),
  );
  return stringify({ packages: sorted, sha1_hash: sha1Hash }, { indentSeq: true, lineWidth: 0 });
}

/** `dbt-labs/dbt_utils 1.1.1`, `<git url> @ <sha>`: a lock entry as a user reads it. */
export function describeLockEntry(entry: LockEntry): string {
  if ('package' in entry) return `${entry.package} ${entry.version}`;
  if ('git' in entry)
    return `${entry.git}${entry.subdirectory ? ` (${entry.subdirectory})` : ''} @ ${entry.revision.slice(0, 12)}`;
  if ('private' in entry) return `private ${entry.private} @ ${entry.revision.slice(0, 12)}`;
  if ('local' in entry) return `local ${entry.local}`;
  return `tarball ${entry.tarball}`;
}

/** Whether two lock entries pin the same thing (key order aside). */
export function sameLockEntry(a: LockEntry, b: LockEntry): boolean {
  const canonical = (entry: LockEntry) =>
    JSON.stringify(Object.entries(entry).sort(([x], [y]) => (x < y ? -1 : 1)));
  return canonical(a) === canonical(b);
}
