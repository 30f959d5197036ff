import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CatalogArtifact } from '../catalog/catalog-artifact';
import { TSMODEL_VERSION } from '../compile/version';
import { TsmodelError } from '../diagnostics';
import { TARGET_PATH_HINT, writeFileAtomic } from '../fs/atomic-write';
import type { Manifest } from '../manifest/types';
import { knownColumns } from './known-columns';
import { lineageInputDigest } from './lineage-digest';
import { computeProjectLineage } from './project-lineage';
import { loadSqlParser } from './sql-ast';
import type { ColumnLineageArtifact } from './types';

export const COLUMN_LINEAGE_FILE = 'column_lineage.json';

/**
 * The column lineage of a compiled project, offline: parsed with the target's dialect,
 * `select *` expanded from `catalog` (when given) and seed headers. `previous` (an earlier
 * column_lineage.json) is reused as it is when it was computed from the same input.
 */
export async function columnLineageArtifact(
  manifest: Manifest,
  catalog?: Pick<CatalogArtifact, 'nodes' | 'sources'>,
  generatedAt: Date = new Date(),
  previous?: ColumnLineageArtifact,
): Promise<ColumnLineageArtifact> {
  const known = knownColumns(manifest, catalog);
  const adapterType = manifest.metadata.adapter_type;
  const digest = lineageInputDigest(manifest, adapterType, known);
  const metadata = {
    generated_at: generatedAt.toISOString(),
    tsmodel_version: TSMODEL_VERSION,
    input_digest: digest,
  };
  if (previous?.metadata.input_digest === digest) return { metadata, nodes: previous.nodes };
  const parser = await loadSqlParser(adapterType);
  return { metadata, nodes: computeProjectLineage({ manifest, parser, knownColumns: known }) };
}

/** Writes `<targetDir>/column_lineage.json`; returns its path. */
export async function writeColumnLineage(
  targetDir: string,
  artifact: ColumnLineageArtifact,
): Promise<string> {
  await mkdir(targetDir, { recursive: true });
  const file = path.join(targetDir, COLUMN_LINEAGE_FILE);
  await writeFileAtomic(file, `${JSON.stringify(artifact, null, 2)}\n`, TARGET_PATH_HINT);
  return file;
}

/**
 * `<targetDir>/catalog.json` when `docs generate` wrote one, for expanding `select *` over
 * sources; undefined when there is none. A file that is there but unreadable is an error: a
 * lineage silently computed without it would list fewer columns.
 */
export async function readCatalogIfPresent(
  targetDir: string,
): Promise<CatalogArtifact | undefined> {
  const file = path.join(targetDir, 'catalog.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TsmodelError({
      code: 'catalog-unreadable',
      message: `cannot read ${file}: ${String(err)}`,
      hint: 'run `tsmodel docs generate` again, or delete the file',
    });
  }
  try {
    const catalog = JSON.parse(text) as CatalogArtifact;
    if (typeof catalog?.nodes !== 'object' || typeof catalog?.sources !== 'object')
      throw new Error('no nodes or sources');
    return catalog;
  } catch (err) {
    throw new TsmodelError({
      code: 'catalog-unreadable',
      message: `${file} is not a catalog: ${(err as Error).message}`,
      location: { file },
      hint: 'run `tsmodel docs generate` again, or delete the file',
    });
  }
}
