import type { RelationName } from '../manifest/types';

/** What kind of object reads the replaced relation; both bind to it by identity, not by name. */
export type DependentKind = 'view' | 'materialized view';

/** One privilege granted on a dependent view, from its ACL. */
export interface DependentGrant {
  /** `PUBLIC`, a role, or (Redshift) `group name`. */
  grantee: string;
  privileges: string[];
  grantable: boolean;
}

/**
 * A view that reads a relation tsmodel is about to replace, as the catalog describes it before
 * the swap: everything needed to recreate it over the new relation with the same name, owner,
 * grants, options and comments. PostgreSQL and Redshift bind views to a table's identity, so
 * `drop … cascade` of the old table would take every such view with it — including views
 * tsmodel does not manage (dbt-postgres loses them).
 */
export interface DependentView {
  schema: string;
  name: string;
  kind: DependentKind;
  /** The view's query as the catalog prints it for this session (`pg_get_viewdef`). */
  definition: string;
  owner: string;
  /** `with (…)` options, e.g. `security_barrier=true`, `check_option=local`. */
  options: string[];
  grants: DependentGrant[];
  comment: string | null;
  columnComments: { column: string; comment: string }[];
  /** Materialized views: `create index` statements of their indexes. */
  indexes: string[];
  /** Materialized views: whether it held data (recreated `with data`) or not. */
  populated: boolean;
  /** 1 for a view that reads the relation directly, n + 1 for a view on such a view. */
  depth: number;
}

/**
 * The catalog SQL that keeps dependent views across a swap, per engine (pure, golden-tested).
 * The runner lists the dependents right before the step that detaches the relation, drops them
 * (deepest first, no cascade: an object it does not know about makes the swap fail loudly),
 * and recreates them (shallowest first) at the end of the same transaction.
 */
export interface DependentViewsSql {
  /** Every view depending on `rel`, transitively; rows for `fromRow`. */
  list(rel: RelationName): { sql: string; params: string[] };
  fromRow(row: Record<string, unknown>): DependentView;
  drop(view: DependentView): string;
  /** Create, indexes, grants, comments, then the owner (last: we lose the view once we hand it over). */
  recreate(view: DependentView): string[];
  /**
   * Whether the engine has savepoints, so a view that a later node of the run rebuilds anyway
   * can be tried and left dropped when its old query no longer fits the new relation.
   */
  readonly savepoints: boolean;
  /**
   * A statement that waits its turn and holds it until the transaction ends (PostgreSQL: a
   * transaction advisory lock), run before listing. Two swaps sharing a dependent view (a view
   * over two tables rebuilt at once) each lock it by listing it, then drop it and recreate it
   * over the other's table: without turns they deadlock. Absent where the engine has no such
   * lock (Redshift).
   */
  readonly serialize?: string;
}

/** `schema.name`, as messages name a dependent view. */
export function dependentName(view: Pick<DependentView, 'schema' | 'name'>): string {
  return `${view.schema}.${view.name}`;
}

/** ACL letters (`aclitem` text) and the privilege each grants. */
const PRIVILEGES: Record<string, string> = {
  r: 'select',
  a: 'insert',
  w: 'update',
  d: 'delete',
  D: 'truncate',
  x: 'references',
  t: 'trigger',
  m: 'maintain',
};

/**
 * Grants from `aclitem` entries (`grantee=privs/grantor`, `=r/owner` for PUBLIC, `*` after a
 * letter for WITH GRANT OPTION), leaving out the owner's own entry. A letter this does not know
 * is an error: recreating a view with fewer grants than it had would be a silent loss.
 */
export function parseAcl(
  entries: readonly string[],
  owner: string,
  view: string,
): DependentGrant[] {
  const grants: DependentGrant[] = [];
  for (const entry of entries) {
    const match = /^(?:"((?:[^"]|"")*)"|([^=]*))=([A-Za-z*]*)\/.*$/.exec(entry.trim());
    if (!match) throw new Error(`cannot read the grant '${entry}' on view ${view}`);
    const grantee = match[1] !== undefined ? match[1].replaceAll('""', '"') : match[2]!;
    if (grantee === owner) continue;
    const plain: string[] = [];
    const withOption: string[] = [];
    const letters = match[3]!;
    for (let i = 0; i < letters.length; i++) {
      const privilege = PRIVILEGES[letters[i]!];
      if (!privilege)
        throw new Error(
          `unknown privilege '${letters[i]}' in the grant '${entry}' on view ${view}`,
        );
      if (letters[i + 1] === '*') {
        withOption.push(privilege);
        i++;
      } else plain.push(privilege);
    }
    const who = grantee === '' ? 'PUBLIC' : grantee;
    if (plain.length > 0) grants.push({ grantee: who, privileges: plain, grantable: false });
    if (withOption.length > 0)
      grants.push({ grantee: who, privileges: withOption, grantable: true });
  }
  return grants;
}
