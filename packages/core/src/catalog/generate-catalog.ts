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

export interface GenerateCatalogOptions {
  manifest: Manifest;
  /** The target's adapter, not yet connected; absent for `--empty-catalog`, which reads nothing. */
  adapter?: Adapter;
  /** Unique ids to describe (`--select`/`--exclude`); absent: every catalogable node. */
  selected?: ReadonlySet<string>;
  /** Absolute target directory; catalog.json is written there. */
  targetDir: string;
  invocationId: string;
  env: Record<string, string | undefined>;
  /** The run's secrets: comments, names and env values pass through it before they are written. */
  redactor: Redactor;
  /** Told before each schema is read, for progress output. */
  onSchema?: (schema: CatalogSchema) => void;
}

export interface GenerateCatalogResult {
  artifact: CatalogArtifact;
  file: string;
  schemas: number;
}

/**
 * `docs generate`'s catalog: one `describeSchema` per schema the selected nodes live in (only
 * those: a shared warehouse's other schemas are never read), matched back to the nodes, written
 * atomically to `<target>/catalog.json`. A schema that cannot be read is recorded in `errors`
 * (as dbt does) and the rest is still written; the caller fails the command on it.
 */
export async function generateCatalog(
  options: GenerateCatalogOptions,
): Promise<GenerateCatalogResult> {
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
  await mkdir(options.targetDir, { recursive: true });
  const file = path.join(options.targetDir, 'catalog.json');
  await writeFileAtomic(
    file,
    `${options.redactor.redact(JSON.stringify(artifact, null, 2))}\n`,
    TARGET_PATH_HINT,
  );
  return { artifact, file, schemas: schemas.length };
}
