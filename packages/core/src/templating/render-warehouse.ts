import type { ColumnDef } from '../adapter/dialect';
import type { FetchResult } from '../adapter/connection';
import type { RelationInfo } from '../adapter/introspector';
import type { RelationKey } from './relation-placeholder';
import type { RelationPath } from './dbt-relation';

/**
 * What a template asks of the warehouse while it renders just in time. Every call a dbt
 * template makes on the live adapter (`run_query`, `statement`, `adapter.get_columns_in_relation`,
 * `get_relation`, `drop_relation`, …) becomes one of these requests.
 */
export type WarehouseRequest =
  | { op: 'execute'; sql: string; fetch: boolean }
  | { op: 'relations'; database: string | null; schema: string }
  | { op: 'columns'; relation: RelationPath }
  | { op: 'drop'; relation: RelationPath; type: string }
  | { op: 'rename'; from: RelationPath; to: RelationPath; type: string }
  | { op: 'create_schema'; database: string | null; schema: string }
  | { op: 'drop_schema'; database: string | null; schema: string }
  | { op: 'schemas'; database: string | null };

/** The answer to each request kind. */
export interface WarehouseAnswers {
  execute: FetchResult;
  relations: RelationInfo[];
  columns: ColumnDef[];
  drop: null;
  rename: null;
  create_schema: null;
  drop_schema: null;
  schemas: string[];
}

/**
 * The warehouse as a synchronous render sees it. Rendering is synchronous (one shared nunjucks
 * environment, no promises in templates), the warehouse is not: `ask` answers from what the run
 * already knows (its catalog, or the answers recorded by an earlier attempt of this render) or
 * throws {@link WarehouseSuspend}; the runner then asks the warehouse, records the answer and
 * renders again. A render is deterministic given its answers, so replaying it with them reaches
 * the same point — statements with side effects run exactly once.
 */
export interface RenderWarehouse {
  ask<R extends WarehouseRequest>(request: R): WarehouseAnswers[R['op']];
  /**
   * What the render says as it goes: `log(msg, info=True)`, `print()`, `print_table()`
   * (`info` true: for the terminal) and `log(msg)` (debug output). A replayed render says it
   * again, so the runner keeps only the last attempt's lines.
   */
  log?(message: string, info: boolean): void;
}

/** Where a graph relation lives at run time, and its dbt type (table, view, cte). */
export interface ResolvedRelation {
  path: RelationPath;
  type: string | null;
}

/**
 * What a just-in-time render has that a parse render does not: the live warehouse, and the
 * final names of the relations `ref()`, `source()` and `this` name.
 */
export interface JitRuntime {
  warehouse: RenderWarehouse;
  /** Throws a located TsmodelError for a ref the node did not declare at parse (as dbt). */
  resolve(key: RelationKey): ResolvedRelation;
}

/**
 * Thrown out of a render that needs an answer the runner does not have yet. An Error, so
 * nunjucks keeps it as the `cause` of the error it wraps it in.
 */
export class WarehouseSuspend extends Error {
  constructor(readonly request: WarehouseRequest) {
    super(`waiting for the warehouse: ${request.op}`);
  }
}
