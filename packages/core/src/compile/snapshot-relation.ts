import type { ManifestNode, RelationName } from '../manifest/types';

/**
 * Where a snapshot is built. dbt's legacy `target_schema` / `target_database` configs name the
 * schema and database as written (no `generate_schema_name`); without them a snapshot is named
 * like a model, from `schema` / `database` / `alias` (dbt 1.9).
 */
export function snapshotRelation(node: ManifestNode, named: RelationName): RelationName {
  const { target_schema: schema, target_database: database } = node.config;
  return {
    ...named,
    ...(typeof database === 'string' && database !== '' ? { database } : {}),
    ...(typeof schema === 'string' && schema !== '' ? { schema } : {}),
  };
}
