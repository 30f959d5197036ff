import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TSMODEL_VERSION } from '../compile/version';
import type { Manifest } from '../manifest/types';
import type { ColumnLineageArtifact } from './types';

/**
 * One hash over everything column lineage is computed from: tsmodel's version, the dialect,
 * every node and source of the manifest as written (compiled SQL, relations, dependencies) and
 * the columns known for `select *`. Equal digests mean an earlier column_lineage.json is
 * exactly what computing it again would give, so `docs generate` on an unchanged project
 * skips parsing every model's SQL again.
 */
export function lineageInputDigest(
  manifest: Manifest,
  dialect: string,
  known: ReadonlyMap<string, readonly string[]>,
): string {
  const hash = createHash('sha256');
  hash.update(`${TSMODEL_VERSION}\0${dialect}\0`);
  for (const group of [manifest.nodes, manifest.sources])
    for (const id of Object.keys(group).sort()) hash.update(`${JSON.stringify(group[id])}\n`);
  for (const id of [...known.keys()].sort()) hash.update(`${id}\0${known.get(id)!.join('\0')}\n`);
  return hash.digest('hex');
}

/**
 * The column_lineage.json an earlier run left in `targetDir`, to reuse when its digest
 * matches; undefined when there is none or it cannot be read (it is then computed again).
 */
export async function readPreviousLineage(
  targetDir: string,
): Promise<ColumnLineageArtifact | undefined> {
  try {
    const artifact = JSON.parse(
      await readFile(path.join(targetDir, 'column_lineage.json'), 'utf8'),
    ) as ColumnLineageArtifact;
    return typeof artifact?.metadata?.input_digest === 'string' &&
      typeof artifact.nodes === 'object'
      ? artifact
      : undefined;
  } catch {
    return undefined;
  }
}
