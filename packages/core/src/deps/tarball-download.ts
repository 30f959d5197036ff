/**
 * Downloads a package tarball (a hub package's `downloads.tarball`, or a `tarball:` entry) and
 * unpacks it. Package tarballs hold one top folder (`dbt-utils-1.1.1/…`); that folder is the
 * package. `tar` refuses entries that would land outside the destination.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extract } from 'tar';
import { TsmodelError, type SourceLocation } from '../diagnostics';
import { causeText } from './hub-client';

/** The rendered URL to download and the unrendered text to show in its place. */
export interface TarballSource {
  url: string;
  shown: string;
}

/** Downloads and unpacks `source` under `workDir`; returns the package's folder. */
export async function downloadTarball(
  source: TarballSource,
  workDir: string,
  location: SourceLocation,
): Promise<string> {
  const fail = (message: string, cause?: unknown) =>
    new TsmodelError({
      code: 'tarball-failed',
      message: `${message} (${source.shown})`,
      location,
      hint: 'check the URL; a package tarball is a .tar.gz holding one folder',
      ...(cause === undefined ? {} : { cause }),
    });
  let response: Response;
  try {
    response = await fetch(source.url);
  } catch (error) {
    throw fail(`cannot download the tarball: ${causeText(error)}`, error);
  }
  if (!response.ok) throw fail(`downloading the tarball answered HTTP ${response.status}`);
  const archive = path.join(workDir, 'package.tar.gz');
  const unpacked = path.join(workDir, 'unpacked');
  mkdirSync(unpacked, { recursive: true });
  writeFileSync(archive, Buffer.from(await response.arrayBuffer()));
  try {
    await extract({ file: archive, cwd: unpacked, strict: true });
  } catch (error) {
    throw fail(`cannot unpack the tarball: ${causeText(error)}`, error);
  }
  const top = readdirSync(unpacked);
  if (top.length !== 1 || !statSync(path.join(unpacked, top[0]!)).isDirectory()) {
    throw fail(`the tarball holds ${top.length} top-level entries, not one package folder`);
  }
  return path.join(unpacked, top[0]!);
}
