import type { Dialect, RelationKind } from '../adapter/dialect';
import { TsmodelError } from '../diagnostics';
import type { RelationName } from '../manifest/types';
import { step, type PlanNode, type Step } from './step';

/** `grants:` after normalising: privilege → grantees, as written (dbt compares without case). */
export type GrantConfig = Record<string, string[]>;

/**
 * How an engine grants (dbt's `get_show_grant_sql`, `get_grant_sql`, `get_revoke_sql`). Absent
 * on a dialect whose engine has no grants (DuckDB) or where tsmodel does not apply them yet.
 */
export interface GrantsSql {
  /** The privileges the current role granted on `rel`: rows of `grantee`, `privilege_type`. */
  showGrants(rel: RelationName): string;
  grant(privilege: string, rel: RelationName, grantees: readonly string[]): string;
  revoke(privilege: string, rel: RelationName, grantees: readonly string[]): string;
}

/**
 * A step's request to bring a kept relation's grants to `wanted`: its `sql` reads the grants
 * in place, and the runner revokes what `wanted` lacks and grants what is missing
 * (`grantDiffStatements`), as dbt's `apply_grants` with `should_revoke`.
 */
export interface GrantsRequest {
  relation: RelationName;
  wanted: GrantConfig;
}

/**
 * dbt's `grants` config: `{select: ['reporter', 'bi']}` (a grantee alone may be a string).
 * A `+privilege` key adds its grantees to those the privilege got from a parent config
 * instead of replacing them, as in dbt. Anything else is a config error naming the node.
 */
export function grantsConfig(value: unknown, node: string): GrantConfig {
  if (value === undefined || value === null) return {};
  const bad = (what: string): never => {
    throw new TsmodelError({
      code: 'bad-config',
      message: `grants of ${node} ${what}`,
      node,
      hint: "write grants: {select: ['role_a', 'role_b']}",
    });
  };
  if (typeof value !== 'object' || Array.isArray(value))
    bad(`must be a mapping of privileges to grantees, got ${JSON.stringify(value)}`);
  const config: GrantConfig = {};
  const entries = Object.entries(value as Record<string, unknown>);
  // Plain keys first, so a `+select` adds to the `select` of the same mapping whatever the order.
  entries.sort(([a], [b]) => Number(a.startsWith('+')) - Number(b.startsWith('+')));
  for (const [key, raw] of entries) {
    const grantees = typeof raw === 'string' ? [raw] : raw;
    if (!Array.isArray(grantees) || grantees.some((g) => typeof g !== 'string' || g === ''))
      bad(`has '${key}' set to ${JSON.stringify(raw)}, which is not a list of grantee names`);
    const privilege = key.replace(/^\+/, '');
    const before = key.startsWith('+') ? (config[privilege] ?? []) : [];
    config[privilege] = [...new Set([...before, ...(grantees as string[])])];
  }
  return config;
}

/**
 * The plan with the node's grants applied right after the step that puts the relation in
 * place — inside the swap's transaction where DDL is transactional, so readers never see the
 * new relation without its grants. `kept`: the relation was changed in place (an incremental
 * run, a seed reload, a snapshot's merge), so it still has its grants and the runner revokes
 * those the config no longer names; a relation built anew has none, and is only granted — the
 * two cases of dbt's `should_revoke` on engines whose replaced relations keep no grants.
 * Unchanged when the config grants nothing, or the dialect has no grants (see {@link grantsSkipped}).
 */
export function withGrants(
  steps: Step[],
  node: Pick<PlanNode, 'unique_id' | 'relation' | 'config'>,
  kind: RelationKind,
  dialect: Dialect,
  kept: boolean,
): Step[] {
  const wanted = grantsConfig(node.config.grants, node.unique_id);
  const sql = dialect.grants;
  if (!sql || Object.keys(wanted).length === 0) return steps;
  const tx = dialect.capabilities.transactionalDdl;
  const relation = node.relation;
  const grants: Step[] = kept
    ? [
        {
          ...step('grant', `apply grants on ${kind}`, sql.showGrants(relation), tx),
          grants: { relation, wanted },
        },
      ]
    : Object.entries(wanted)
        .filter(([, grantees]) => grantees.length > 0)
        .map(([privilege, grantees]) =>
          step('grant', `grant ${privilege}`, sql.grant(privilege, relation, grantees), tx),
        );
  if (grants.length === 0) return steps;
  const at = tx ? lastTransactional(steps) + 1 : steps.length;
  return [...steps.slice(0, at), ...grants, ...steps.slice(at)];
}

/** Whether the node sets grants that `dialect` cannot apply: the run then says so, once. */
export function grantsSkipped(config: Record<string, unknown>, dialect: Dialect): boolean {
  if (dialect.grants) return false;
  const { grants } = config;
  return typeof grants === 'object' && grants !== null && Object.keys(grants).length > 0;
}

/**
 * dbt's diff of the grants in place (`current`, rows of grantee and privilege) with the
 * wanted ones, without case: revoke each current grant the config does not name (every
 * privilege of the config's, or not in it at all), then grant what is missing.
 */
export function grantDiffStatements(
  sql: GrantsSql,
  request: GrantsRequest,
  current: ReadonlyArray<{ grantee: string; privilege: string }>,
): string[] {
  const fold = (s: string) => s.toLowerCase();
  const wanted = new Map<string, Set<string>>();
  for (const [p, gs] of Object.entries(request.wanted)) wanted.set(fold(p), new Set(gs.map(fold)));
  const held = new Map<string, string[]>();
  for (const { grantee, privilege } of current)
    held.set(fold(privilege), [...(held.get(fold(privilege)) ?? []), grantee]);
  const revokes: string[] = [];
  for (const [privilege, grantees] of held) {
    const gone = grantees.filter((g) => !wanted.get(privilege)?.has(fold(g)));
    if (gone.length > 0) revokes.push(sql.revoke(privilege, request.relation, gone));
  }
  const grants: string[] = [];
  for (const [privilege, grantees] of Object.entries(request.wanted)) {
    const have = new Set((held.get(fold(privilege)) ?? []).map(fold));
    const missing = grantees.filter((g) => !have.has(fold(g)));
    if (missing.length > 0) grants.push(sql.grant(privilege, request.relation, missing));
  }
  return [...revokes, ...grants];
}

function lastTransactional(steps: Step[]): number {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.transactional) return i;
  return steps.length - 1;
}
