/**
 * The project loader's view of dbt packages: the folders under packages-install-path that
 * package-lock.yml names, checked against packages.yml. A declared package that is not
 * installed, a lock older than packages.yml, or a folder holding another version than the
 * lock pins is an error saying to run `tsmodel deps` — a project never builds without them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { TsmodelError } from '../diagnostics';
import { displayPath } from '../project/read-project-file';
import type { ProjectConfig } from '../project/types';
import { readInstallRecord } from './install-record';
import { describeLockEntry, LOCK_FILE_NAME, readLockFile, sameLockEntry } from './lock-file';
import { packagesHash } from './package-hash';
import { readPackagesFile } from './packages-file';

export interface InstalledPackage {
  name: string;
  dir: string;
}

type Env = Record<string, string | undefined>;

const RUN_DEPS = 'run `tsmodel deps` to install them';

/** The installed dbt packages of `root` to load, or the problems that stop it. */
export function installedPackages(
  root: ProjectConfig,
  env: Env,
): { packages: InstalledPackage[]; errors: TsmodelError[] } {
  const { rootDir } = root;
  const { packages: declared, errors } = readPackagesFile(rootDir, rootDir, env);
  if (!declared || declared.entries.length === 0) return { packages: [], errors };
  const shownFile = displayPath(rootDir, declared.file);
  const { lock, errors: lockErrors } = readLockFile(rootDir, rootDir);
  if (lockErrors.length > 0) return { packages: [], errors: lockErrors };
  const problem = (code: string, message: string, hint = RUN_DEPS) =>
    new TsmodelError({ code, message, location: { file: shownFile }, hint });
  if (!lock) {
    const names = declared.entries.map((e) =>
      String(e.raw.package ?? e.raw.git ?? e.raw.private ?? e.raw.local ?? e.raw.tarball),
    );
    return {
      packages: [],
      errors: [
        problem(
          'packages-not-installed',
          `${shownFile} declares ${names.join(', ')}, which ${names.length === 1 ? 'is' : 'are'} not installed (no ${LOCK_FILE_NAME})`,
        ),
      ],
    };
  }
  if (lock.sha1Hash !== packagesHash(declared.entries)) {
    return {
      packages: [],
      errors: [
        problem(
          'packages-lock-stale',
          `${shownFile} has changed since ${LOCK_FILE_NAME} was written`,
          'run `tsmodel deps` to resolve and install the packages it declares now',
        ),
      ],
    };
  }
  if (lock.legacyEntries) {
    return {
      packages: [],
      errors: [
        problem(
          'packages-lock-legacy',
          `${LOCK_FILE_NAME} was written by dbt before 1.9: it pins the packages but does not name them`,
          'run `tsmodel deps`: it keeps the pinned versions and adds the names',
        ),
      ],
    };
  }
  const installDir = path.resolve(rootDir, root.packagesInstallPath);
  const record = readInstallRecord(installDir);
  const packages: InstalledPackage[] = [];
  for (const entry of lock.entries) {
    const dir = path.join(installDir, entry.name);
    const shownDir = `${root.packagesInstallPath}/${entry.name}`;
    const installed = record[entry.name];
    if (!existsSync(dir)) {
      errors.push(
        problem(
          'package-not-installed',
          `package ${entry.name} (${describeLockEntry(entry)}) is not installed: no ${shownDir}`,
          'run `tsmodel deps` to install it',
        ),
      );
    } else if (installed && !sameLockEntry(installed, entry)) {
      errors.push(
        problem(
          'package-version-mismatch',
          `${shownDir} holds ${describeLockEntry(installed)}, but ${LOCK_FILE_NAME} pins ${describeLockEntry(entry)}`,
          'run `tsmodel deps` to install the pinned version',
        ),
      );
    } else {
      packages.push({ name: entry.name, dir });
    }
  }
  return { packages, errors };
}
