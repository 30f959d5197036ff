import type { Dialect, RelationKind } from '../adapter/dialect';
import type { ContractSpec } from '../contracts/contract-ddl';
import type { NodeConfig, RelationName } from '../manifest/types';
import type { ColumnDocs, NodeDocs } from './persist-docs';
import type { GrantsRequest } from './grants';

/** What a step does, for progress output and for tests that look for a step without parsing SQL. */
export type StepKind =
  | 'create'
  | 'rename'
  | 'drop'
  | 'truncate'
  | 'insert'
  | 'delete'
  /** A snapshot closing the versions that changed. */
  | 'update'
  | 'merge'
  | 'alter'
  /** A model's `sql_header`, run right before its create (see `withSqlHeader`). */
  | 'header'
  /** persist_docs: a relation's or its columns' comments (see `withPersistDocs`). */
  | 'comment'
  /** `grants`: a grant, or the revokes and grants a kept relation needs (see `withGrants`). */
  | 'grant';

/**
 * One SQL statement of a plan. Plans are ordered lists of steps; every maximal run of
 * consecutive `transactional` steps executes inside one transaction (see `runSteps`), which is
 * what makes a rename swap atomic. Non-transactional steps run on their own, e.g. dropping the
 * backup only after the swap committed.
 */
export interface Step {
  label: string;
  sql: string;
  transactional: boolean;
  kind: StepKind;
  /**
   * Set on the step that takes this relation out of place (a rename to backup, a drop, a column
   * rebuild) where the engine would take dependent views with it. The runner then saves those
   * views right before the step and recreates them at the end of the same transaction (see
   * `DependentViewsSql`), so a rebuild never loses a view it does not own.
   */
  keepDependentsOf?: RelationName;
  /**
   * persist_docs' column comments: `sql` reads the built relation's columns (no rows), and the
   * runner then writes the comments of the documented columns it has (see `ColumnDocs`).
   */
  columnDocs?: ColumnDocs;
  /**
   * `grants` on a kept relation: `sql` reads the grants in place, and the runner revokes and
   * grants what differs from the config (see `GrantsRequest`).
   */
  grants?: GrantsRequest;
}

/** The node fields a planner reads. `sql` is the full or incremental SQL, chosen by the caller. */
export interface PlanNode {
  unique_id: string;
  relation: RelationName;
  config: NodeConfig;
  sql: string;
  /**
   * An enforced contract, already checked against the SQL's columns: the table is created
   * with its declared columns and constraints, then filled by column name.
   */
  contract?: ContractSpec;
  /** Descriptions persist_docs writes as comments; absent, it writes none. */
  docs?: NodeDocs;
}

/** Inputs common to every planner: the node, what exists in the warehouse, and run flags. */
export interface PlanInput {
  node: PlanNode;
  /** The object currently at `node.relation`, from the runner's relation cache; absent when none. */
  existing?: { kind: RelationKind };
  /** `empty`: dbt's `--empty` — a seed builds its table with no rows. */
  flags: { fullRefresh: boolean; empty?: boolean };
  dialect: Dialect;
}

export function step(kind: StepKind, label: string, sql: string, transactional: boolean): Step {
  return { kind, label, sql, transactional };
}

/**
 * Marks `s` as the step that detaches `relation`, where the dialect can keep the dependent views
 * of a relation inside a transaction; unchanged elsewhere (DuckDB and Snowflake views bind by name
 * and survive a replace on their own).
 */
export function keepingDependents(s: Step, relation: RelationName, dialect: Dialect): Step {
  return dialect.dependentViews && s.transactional ? { ...s, keepDependentsOf: relation } : s;
}

/**
 * Drops the relation a rebuild replaces, as a step that keeps the views depending on it where
 * the dialect needs that (see {@link keepingDependents}).
 */
export function dropOldKeepingDependents(
  existing: { kind: RelationKind },
  relation: RelationName,
  dialect: Dialect,
  transactional: boolean,
): Step {
  return keepingDependents(
    step(
      'drop',
      `drop old ${existing.kind}`,
      dialect.dropRelation(existing.kind, relation, true),
      transactional,
    ),
    relation,
    dialect,
  );
}
