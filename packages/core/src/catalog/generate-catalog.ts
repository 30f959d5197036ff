import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from '../adapter/adapter';
import type { CatalogRelation } from '../adapter/introspector';
import { TARGET_PATH_HINT, writeFileAtomic } from '../fs/atomic-write';
import type { Manifest } from '../manifest/types';
import type { Redactor } from '../secrets';
import { catalogArtifact, type CatalogArtifact } from './catalog-artifact';
import {
  catalogableNodes,
  catalogEntries,
  catalogSchemaKey,
  catalogSchemas,
  type CatalogSchema,
} from './catalog-nodes';

export interface ReadCatalogOptions {
  manifest: Manifest;
  /** The target's adapter, not yet connected; absent for `--empty-catalog`, which reads nothing. */
  adapter?: Adapter;
  /** Unique ids to describe (`--select`/`--exclude`); absent: every catalogable node. */
  selected?: ReadonlySet<string>;
  invocationId: string;
  env: Record<string, string | undefined>;
  /** Told before each schema is read, for progress output. */
  onSchema?: (schema: CatalogSchema) => void;
}

export interface ReadCatalogResult {
  artifact: CatalogArtifact;
  /** How many schemas were read. */
  schemas: number;
}

/**
 * `docs generate`'s catalog: one `describeSchema` per schema the selected nodes live in (only
 * those: a shared warehouse's other schemas are never read), matched back to the nodes. A
 * schema that cannot be read is recorded in `errors` (as dbt does) and the rest is still
 * described; the caller fails the command on it once the catalog is written.
 */
export async function readCatalog(options: ReadCatalogOptions): Promise<ReadCatalogResult> {
  const nodes = options.adapter ? catalogableNodes(options.manifest, options.selected) : [];
  const schemas = catalogSchemas(nodes);
  const described = new Map<string, CatalogRelation[]>();
  const errors: string[] = [];
  if (options.adapter && schemas.length > 0) {
    const conn = await options.adapter.connect();
    try {
      const introspector = options.adapter.introspector(conn);
      for (const ref of schemas) {
        options.onSchema?.(ref);
        try {
          described.set(
            catalogSchemaKey(ref),
            await introspector.describeSchema(ref.database, ref.schema),
          );
        } catch (err) {
          const name = ref.database === undefined ? ref.schema : `${ref.database}.${ref.schema}`;
          errors.push(`reading the catalog of schema ${name}: ${(err as Error).message}`);
        }
      }
    } finally {
      await conn.close();
    }
  }
  const artifact = catalogArtifact({
    ...catalogEntries(nodes, described),
    errors,
    invocationId: options.invocationId,
    env: options.env,
  });
  return { artifact, schemas: schemas.length };
}

/**
 * Writes `<targetDir>/catalog.json` atomically; returns its path. Comments, names and env
 * values pass through the run's `redactor` first.
 */
export async function writeCatalog(
  targetDir: string,
  artifact: CatalogArtifact,
  redactor: Redactor,
): Promise<string> {
  await mkdir(targetDir, { recursive: true });
  const file = path.join(targetDir, 'catalog.json');
  await writeFileAtomic(
    file,
    `${redactor.redact(JSON.stringify(artifact, null, 2))}\n`,
    TARGET_PATH_HINT,
  );
  return file;
}
