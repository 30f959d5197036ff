import type { RelationName } from '../manifest/types';
import type { ColumnDef, RelationKind } from './dialect';

export interface RelationInfo {
  name: string;
  kind: RelationKind;
}

/**
 * One column of a {@link CatalogRelation}. `name` and `dataType` are exactly what `getColumns`
 * returns for the relation (the engine's own type spelling), so a caller answering
 * `adapter.get_columns_in_relation` from a catalog read gets the same columns as from
 * `getColumns`, without a query per relation.
 */
export interface CatalogColumn extends ColumnDef {
  /** 1-based position in the relation, as the catalog reports it. */
  index: number;
  /** The column's comment (`comment on column`), null when it has none. */
  comment: string | null;
}

/**
 * A table or view as the warehouse's catalog describes it: what `docs generate` writes to
 * catalog.json, and what answers column lookups during just-in-time renders.
 */
export interface CatalogRelation {
  /** Database, schema and name as the engine stores them (Snowflake: upper-cased). */
  database: string;
  schema: string;
  name: string;
  /** The nearest tsmodel kind: every kind of view is `view`, everything else `table`. */
  kind: RelationKind;
  /**
   * The engine's own word for it, as dbt's catalog macro for the engine reports it:
   * `BASE TABLE`, `VIEW`, `MATERIALIZED VIEW`, `LATE BINDING VIEW` (Redshift), …
   */
  type: string;
  /** The owning role or user; null on engines without owners (DuckDB). */
  owner: string | null;
  comment: string | null;
  /** In `index` order. */
  columns: CatalogColumn[];
}

/**
 * Reads what exists in the warehouse. Batched on purpose: the runner lists each schema once
 * at the start (dbt's relation cache) instead of asking per model, which costs a round trip
 * per node on remote warehouses.
 */
export interface Introspector {
  /** Every table and view in one schema, in one query. Empty when the schema does not exist. */
  listRelations(database: string | undefined, schema: string): Promise<RelationInfo[]>;
  /** Columns in ordinal order; empty when the relation does not exist. */
  getColumns(relation: RelationName): Promise<ColumnDef[]>;
  /**
   * Every table and view of one schema with its columns, types and comments, in one query
   * (dbt's `get_catalog` for one schema). `docs generate` reads the catalog with it, and
   * just-in-time renders answer `adapter.get_columns_in_relation` from one cached call per
   * schema instead of a query per relation — so it must stay one cheap round trip, and its
   * columns must be exactly `getColumns`' (same order, same type spelling). Relations are
   * sorted by name. Empty when the schema does not exist.
   */
  describeSchema(database: string | undefined, schema: string): Promise<CatalogRelation[]>;
}
