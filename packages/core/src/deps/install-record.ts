/**
 * Which folders of the install path `tsmodel deps` installed, and from what lock entry. deps
 * replaces or removes only those (and folders that hold the very package it installs, as a
 * previous `dbt deps` leaves them); the loader uses it to tell an installed package that no
 * longer matches package-lock.yml.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LockEntry } from './lock-file';

export const INSTALL_RECORD_FILE = '.tsmodel-deps.json';

/** Installed folder name → the lock entry it was installed from. */
export type InstallRecord = Record<string, LockEntry>;

export function readInstallRecord(installDir: string): InstallRecord {
  const file = path.join(installDir, INSTALL_RECORD_FILE);
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { packages?: InstallRecord };
    return parsed.packages ?? {};
  } catch {
    return {};
  }
}

/** Writes the record whole (via a rename), so an interrupted deps leaves the old or the new one. */
export function writeInstallRecord(installDir: string, record: InstallRecord): void {
  const file = path.join(installDir, INSTALL_RECORD_FILE);
  const next = `${file}.next`;
  writeFileSync(
    next,
    `${JSON.stringify({ installedBy: 'tsmodel deps', packages: record }, null, 2)}\n`,
  );
  renameSync(next, file);
}
