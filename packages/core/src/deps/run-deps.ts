/**
 * `tsmodel deps`, end to end: optionally add a package to packages.yml, resolve the packages
 * into package-lock.yml when there is no lock, it was written for another packages.yml, or
 * `--upgrade` asks, then install what the lock pins (a no-op when it is all installed).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CompileErrors, TsmodelError } from '../diagnostics';
import { EnvVarRenderer } from '../project/env-var-renderer';
import { displayPath, readProjectFile } from '../project/read-project-file';
import { addPackageEntry, addToPackagesFile, type AddPackageSource } from './add-package';
import { installPackages } from './install-packages';
import {
  formatLockFile,
  LOCK_FILE_NAME,
  readLockFile,
  renderLockEntries,
  type LockFile,
} from './lock-file';
import { packagesHash } from './package-hash';
import { PackageFetcher } from './package-fetcher';
import { PACKAGES_FILE_NAME, readPackagesFile, toPackageEntry } from './packages-file';
import { resolvePackages } from './resolve-packages';

export interface DepsOptions {
  projectDir: string;
  env: Record<string, string | undefined>;
  /** `--add-package` and `--source`. */
  addPackage?: { spec: string; source: AddPackageSource };
  /** `--upgrade`: resolve again even when the lock is current. */
  upgrade?: boolean;
  /** `--lock`: write package-lock.yml, install nothing. */
  lockOnly?: boolean;
  /** Progress for the user (every text already free of secrets). */
  info(event: string, message: string): void;
  warn(problem: TsmodelError): void;
}

export interface DepsResult {
  installed: string[];
  unchanged: string[];
  removed: string[];
  /** Whether package-lock.yml was (re)written. */
  locked: boolean;
}

const EMPTY: DepsResult = { installed: [], unchanged: [], removed: [], locked: false };

export async function runDeps(options: DepsOptions): Promise<DepsResult> {
  const rootDir = path.resolve(options.projectDir);
  const { env } = options;
  const project = readProjectFile(rootDir, rootDir, new EnvVarRenderer(env));
  if (!project.config) throw new CompileErrors(project.errors);
  const root = project.config;
  const read = () => {
    const { packages, errors } = readPackagesFile(rootDir, rootDir, env);
    if (errors.length > 0) throw new CompileErrors(errors);
    return packages;
  };
  let declared = read();

  if (options.addPackage) {
    const entry = addPackageEntry(options.addPackage.spec, options.addPackage.source);
    const file = addToPackagesFile(rootDir, declared?.file, entry);
    options.info('deps-added', `Added ${options.addPackage.spec} to ${displayPath(rootDir, file)}`);
    declared = read();
  }
  if (!declared || declared.entries.length === 0) {
    options.info(
      'deps-none',
      `No packages declared (no \`packages:\` in ${PACKAGES_FILE_NAME}); nothing to install`,
    );
    return EMPTY;
  }

  const installDir = path.resolve(rootDir, root.packagesInstallPath);
  const fetcher = new PackageFetcher(rootDir, installDir, env);
  try {
    let lock = readCurrentLock(rootDir);
    const hash = packagesHash(declared.entries);
    const current = options.upgrade !== true && lock !== undefined && lock.sha1Hash === hash;
    if (current && lock!.legacyEntries) {
      // dbt < 1.9 pinned the same tree without project names: keep every pin, learn the names.
      options.info(
        'deps-legacy-lock',
        `${LOCK_FILE_NAME} has no project names (written by dbt before 1.9): keeping its pinned versions and adding the names`,
      );
      const shownLock = displayPath(rootDir, lock!.file);
      const pins = legacyPins(lock!, env, rootDir);
      const resolution = await resolvePackages(pins, shownLock, root.name, fetcher);
      for (const warning of resolution.warnings) options.warn(warning);
      writeFileSync(
        lock!.file,
        formatLockFile(
          resolution.packages.map((p) => p.lock),
          hash,
        ),
      );
      lock = readCurrentLock(rootDir)!;
    }
    const locked = !current;
    if (locked) {
      const shownFile = displayPath(rootDir, declared.file);
      const why = options.upgrade
        ? '--upgrade'
        : lock
          ? `${shownFile} changed`
          : `no ${LOCK_FILE_NAME} yet`;
      options.info('deps-resolving', `Resolving the packages of ${shownFile} (${why})`);
      const resolution = await resolvePackages(declared.entries, shownFile, root.name, fetcher);
      for (const warning of resolution.warnings) options.warn(warning);
      const entries = resolution.packages.map((p) => p.lock);
      writeFileSync(path.join(rootDir, LOCK_FILE_NAME), formatLockFile(entries, hash));
      options.info(
        'deps-locked',
        `Wrote ${LOCK_FILE_NAME}: ${entries.length} package${entries.length === 1 ? '' : 's'}`,
      );
      lock = readCurrentLock(rootDir)!;
    } else {
      options.info(
        'deps-lock-current',
        `${LOCK_FILE_NAME} is up to date with ${displayPath(rootDir, declared.file)}`,
      );
    }
    if (options.lockOnly) return { ...EMPTY, locked };

    const { rendered, errors } = renderLockEntries(lock!, env);
    if (errors.length > 0) throw new CompileErrors(errors);
    const result = await installPackages({
      installDir,
      shownInstallDir: root.packagesInstallPath,
      entries: lock!.entries,
      rendered,
      lockLocation: { file: displayPath(rootDir, lock!.file) },
      fetcher,
      onChange: (message) => options.info('deps-installed', message),
    });
    if (result.installed.length === 0 && result.removed.length === 0) {
      options.info(
        'deps-up-to-date',
        `All ${result.unchanged.length} package${result.unchanged.length === 1 ? ' is' : 's are'} installed at the versions in ${LOCK_FILE_NAME}; nothing to do`,
      );
    }
    return { ...result, locked };
  } finally {
    fetcher.dispose();
  }
}

function readCurrentLock(rootDir: string): LockFile | undefined {
  const { lock, errors } = readLockFile(rootDir, rootDir);
  if (errors.length > 0) throw new CompileErrors(errors);
  return lock;
}

/** A legacy lock's entries as packages-file entries: exact pins, resolved like packages.yml. */
function legacyPins(lock: LockFile, env: Record<string, string | undefined>, rootDir: string) {
  const entries = lock.legacyEntries!;
  const { rendered, errors } = renderLockEntries(lock, env, entries);
  if (errors.length > 0) throw new CompileErrors(errors);
  return entries.map((raw, i) =>
    toPackageEntry(
      raw as Record<string, unknown>,
      rendered[i] as Record<string, unknown>,
      lock.yaml.locate(['packages', i]),
      rootDir,
    ),
  );
}
