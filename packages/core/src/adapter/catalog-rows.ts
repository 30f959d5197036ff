import type { RelationKind } from './dialect';
import type { CatalogRelation } from './introspector';

/**
 * One row of a catalog query: a column of a relation, with the relation's details repeated,
 * under the names dbt's `get_catalog` macros give them. `column_*` are null for a relation
 * without columns (a left join found none).
 */
export interface CatalogRow {
  table_database: string;
  table_schema: string;
  table_name: string;
  table_type: string;
  table_comment: string | null;
  table_owner: string | null;
  column_name: string | null;
  column_index: number | bigint | string | null;
  column_type: string | null;
  column_comment: string | null;
}

/** Every kind of view (`VIEW`, `MATERIALIZED VIEW`, `LATE BINDING VIEW`) is a view to tsmodel. */
export function catalogKind(type: string): RelationKind {
  return /\bVIEW$/i.test(type) ? 'view' : 'table';
}

/**
 * Groups catalog rows into relations, sorted by name with columns in index order. Drivers
 * return indexes as numbers, bigints or (pg `int2`/`numeric`) strings; all become numbers.
 */
export function catalogRelations(rows: readonly CatalogRow[]): CatalogRelation[] {
  const byName = new Map<string, CatalogRelation>();
  for (const row of rows) {
    let rel = byName.get(row.table_name);
    if (!rel) {
      rel = {
        database: row.table_database,
        schema: row.table_schema,
        name: row.table_name,
        kind: catalogKind(row.table_type),
        type: row.table_type,
        owner: row.table_owner ?? null,
        comment: row.table_comment ?? null,
        columns: [],
      };
      byName.set(row.table_name, rel);
    }
    if (row.column_name === null || row.column_type === null) continue;
    rel.columns.push({
      name: row.column_name,
      dataType: row.column_type,
      index: Number(row.column_index),
      comment: row.column_comment ?? null,
    });
  }
  const relations = [...byName.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const rel of relations) rel.columns.sort((a, b) => a.index - b.index);
  return relations;
}
