/**
 * Installs the packages of package-lock.yml into the install path, each in a folder named by
 * its project name. A folder already holding its lock entry is left as it is; everything is
 * checked before anything moves, so a folder deps does not own stops the run with nothing
 * changed. Local packages are symlinks (a copy where links are refused), as in dbt.
 */
import { cpSync, existsSync, lstatSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { CompileErrors, TsmodelError, type SourceLocation } from '../diagnostics';
import { readInstallRecord, writeInstallRecord } from './install-record';
import { describeLockEntry, sameLockEntry, type LockEntry } from './lock-file';
import type { PackageFetcher } from './package-fetcher';
import { PACKAGE_PROJECT_FILES, packageProjectName } from './package-project-name';

export interface InstallOptions {
  /** Absolute packages-install-path. */
  installDir: string;
  /** The path as the user writes it (`dbt_packages`), for messages. */
  shownInstallDir: string;
  /** package-lock.yml's entries as written, and the same with `env_var()` rendered. */
  entries: readonly LockEntry[];
  rendered: readonly LockEntry[];
  lockLocation: SourceLocation;
  fetcher: PackageFetcher;
  /** Called once per package installed or removed, for progress output. */
  onChange(message: string): void;
}

export interface InstallResult {
  installed: string[];
  unchanged: string[];
  removed: string[];
}

export async function installPackages(options: InstallOptions): Promise<InstallResult> {
  const { installDir, shownInstallDir, entries, fetcher } = options;
  const record = readInstallRecord(installDir);
  const result: InstallResult = { installed: [], unchanged: [], removed: [] };
  const todo: number[] = [];
  const refused: TsmodelError[] = [];
  entries.forEach((entry, i) => {
    const dest = path.join(installDir, entry.name);
    const exists = pathExists(dest);
    const previous = record[entry.name];
    if (exists && previous && sameLockEntry(previous, entry)) result.unchanged.push(entry.name);
    else if (exists && !previous && !holdsPackage(dest, entry.name)) {
      refused.push(
        new TsmodelError({
          code: 'deps-folder-not-owned',
          message: `${shownInstallDir}/${entry.name} exists and was not installed by \`tsmodel deps\` (it holds no project named '${entry.name}'); nothing was changed`,
          location: options.lockLocation,
          hint: `move ${shownInstallDir}/${entry.name} elsewhere, then run \`tsmodel deps\` again`,
        }),
      );
    } else todo.push(i);
  });
  if (refused.length > 0) throw new CompileErrors(refused);

  for (const i of todo) {
    const entry = entries[i]!;
    const found = await fetcher.materialize(entry, options.rendered[i]!, options.lockLocation);
    const dest = path.join(installDir, entry.name);
    const staged = found.link
      ? linkInStaging(found.dir, fetcher.newStagingFolder(), installDir)
      : found.dir;
    if (pathExists(dest)) {
      const old = fetcher.newStagingFolder();
      renameSync(dest, old);
    }
    renameSync(staged, dest);
    record[entry.name] = entry;
    writeInstallRecord(installDir, record);
    result.installed.push(entry.name);
    options.onChange(`Installed ${entry.name} (${describeLockEntry(entry)})`);
  }

  const wanted = new Set(entries.map((e) => e.name));
  for (const name of Object.keys(record)) {
    if (wanted.has(name)) continue;
    rmSync(path.join(installDir, name), { recursive: true, force: true });
    delete record[name];
    writeInstallRecord(installDir, record);
    result.removed.push(name);
    options.onChange(`Removed ${shownInstallDir}/${name}, no longer in package-lock.yml`);
  }
  return result;
}

function pathExists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** A folder (or link) holding the project `name`: an earlier install of it, by dbt or tsmodel. */
function holdsPackage(dir: string, name: string): boolean {
  if (!PACKAGE_PROJECT_FILES.some((file) => existsSync(path.join(dir, file)))) return false;
  try {
    return packageProjectName(dir, dir, { file: dir }) === name;
  } catch {
    return false;
  }
}

/**
 * A symlink to `target` created at `at`, relative to `finalParent` where it will be moved
 * (so the project can move with its packages); a copy where links are refused.
 */
function linkInStaging(target: string, at: string, finalParent: string): string {
  try {
    symlinkSync(path.relative(finalParent, target), at, 'dir');
  } catch {
    cpSync(target, at, { recursive: true });
  }
  return at;
}
