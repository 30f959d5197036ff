import type { Manifest } from '../manifest/types';
import type { NodeResult } from './types';

/**
 * What dbt's `on-run-end` hooks see besides the usual context: `results` (one per node, with
 * its `node`), and the schemas the run built into — `schemas` and `database_schemas` — for
 * the usual `grant usage on schema …` loop. Failed and skipped nodes built nothing, tests
 * build no relation: neither adds a schema.
 */
export interface RunEndContext {
  results: Array<Record<string, unknown>>;
  schemas: string[];
  /** `[database, schema]` pairs; the database is null where the target names none. */
  database_schemas: Array<[string | null, string]>;
}

export function runEndContext(results: readonly NodeResult[], manifest: Manifest): RunEndContext {
  const schemas = new Set<string>();
  const pairs = new Map<string, [string | null, string]>();
  const shaped = results.map((r) => {
    const node = manifest.nodes[r.unique_id];
    const relation = node?.relation;
    if (node && relation && node.resource_type !== 'test' && r.status === 'success') {
      schemas.add(relation.schema);
      const database = relation.database ?? null;
      pairs.set(`${database ?? ''}.${relation.schema}`, [database, relation.schema]);
    }
    return {
      ...r,
      node: node && {
        ...node,
        database: relation?.database ?? null,
        schema: relation?.schema ?? null,
        alias: relation?.identifier ?? node.name,
        identifier: relation?.identifier ?? node.name,
      },
    };
  });
  return { results: shaped, schemas: [...schemas], database_schemas: [...pairs.values()] };
}
