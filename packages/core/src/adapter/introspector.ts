import type { RelationName } from '../manifest/types';
import type { ColumnDef, RelationKind } from './dialect';

export interface RelationInfo {
  name: string;
  kind: RelationKind;
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
}
