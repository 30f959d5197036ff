/**
 * Column-level lineage as `target/column_lineage.json` holds it, and as `tsmodel lineage` and
 * the docs site read it: for each model output column, the columns of other nodes it is computed
 * from and how. Every edge points one node up (a model's column to its parents' columns), so a
 * reader walks hops down to sources and seeds.
 */

/** A column of a node (model, seed, snapshot or source), by unique id and column name. */
export interface ColumnRef {
  node: string;
  column: string;
}

/**
 * How an output column is computed from its upstream columns, through every CTE and subquery
 * of the model: `passthrough` — the same column under the same name; `rename` — the same
 * values under another name; `transformation` — an expression (functions, casts, case, window
 * functions); `aggregation` — inside an aggregate (rows folded together). `filter` is never
 * the `how` of an output column (columns only used in conditions are in `filters`); it stays
 * in the union so readers written against the format keep compiling.
 */
export type LineageHow = 'passthrough' | 'rename' | 'transformation' | 'aggregation' | 'filter';

/** One output column of a model. */
export interface ColumnLineage {
  upstream: ColumnRef[];
  how: LineageHow;
  /**
   * Why some of the column's origin is not known (a `select *` over a relation whose columns
   * are not known, a relation that is no node of the project, SQL that did not parse). Set
   * whenever part of the lineage is missing: what is listed in `upstream` is never guessed.
   */
  unresolved?: string;
}

/**
 * The lineage of one model. `columns` is keyed by output column name as the SQL spells it; a
 * `*` key stands for columns a `select *` brought in that cannot be listed (always with
 * `unresolved`). `filters` are the upstream columns used in WHERE, JOIN, HAVING and QUALIFY
 * conditions anywhere in the model: they decide which rows exist, not what a column holds.
 */
export interface NodeLineage {
  columns: Record<string, ColumnLineage>;
  filters?: ColumnRef[];
}

/** `target/column_lineage.json`. */
export interface ColumnLineageArtifact {
  metadata: {
    generated_at: string;
    tsmodel_version: string;
    /** What the lineage was computed from (see `lineageInputDigest`): an equal one reuses it. */
    input_digest?: string;
  };
  nodes: Record<string, NodeLineage>;
}

/** The key that stands for the columns of a `select *` that cannot be listed. */
export const UNLISTED_COLUMNS = '*';
