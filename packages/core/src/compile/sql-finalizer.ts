import type { ManifestNode, RelationName } from '../manifest/types';
import { eventTimeText, type BatchWindow } from '../materializations/microbatch-time';
import { decodeKey, replaceMarkers, type RelationKey } from '../templating/relation-placeholder';

/** What an absent database part prints as until the finalizer drops it and the dot after it. */
const NO_DATABASE = '\u0000no-database\u0000';
const NO_DATABASE_PREFIX = /\u0000no-database\u0000\.?/g;

/**
 * Prefix of the CTE an ephemeral model becomes inside the models that ref it: dbt's, since
 * packages and dbt's own adapter tests look for `__dbt__cte__<name>` in compiled SQL.
 */
export const EPHEMERAL_CTE_PREFIX = '__dbt__cte__';

export type RelationRenderer = (rel: RelationName) => string;

/** Maps a marker's key, seen from `caller`, to the node it names (already validated). */
export type KeyResolver = (caller: ManifestNode, key: RelationKey) => ManifestNode | undefined;

/**
 * Turns rendered SQL with markers into runnable SQL: relations rendered by the adapter's
 * dialect, ephemeral models inlined as CTEs (transitively, each once, dependencies first).
 */
export class SqlFinalizer {
  private readonly bodies = new Map<string, { body: string; ephemerals: string[] }>();
  /** Each relation is rendered once, however many models reference it. */
  private readonly relationText = new Map<string, string>();

  constructor(
    private readonly nodes: ReadonlyMap<string, ManifestNode>,
    private readonly renderedSql: ReadonlyMap<string, string>,
    private readonly resolveKey: KeyResolver,
    private readonly renderRelation: RelationRenderer,
    /**
     * dbt's `--empty`: every `ref()` and `source()` reads no rows — a subquery limited to
     * zero — so a run checks SQL, types and DDL without scanning data. `this` is untouched.
     */
    private readonly emptyInputs = false,
    /** Name `--empty`'s subqueries (the dialect's `subqueryNeedsAlias`). */
    private readonly aliasEmptySubqueries = true,
  ) {}

  /** Drops what was rendered with the nodes' relations, after some of them moved (`relocate`). */
  forgetRelations(): void {
    this.bodies.clear();
    this.relationText.clear();
  }

  /**
   * Final SQL of `node` for the given rendered text (full build, or an incremental re-render).
   * With `batch` (one batch of a microbatch model), every `ref()`/`source()` of a parent that
   * sets `event_time` reads only the batch's window, as dbt renders them.
   */
  finalize(node: ManifestNode, sql?: string, batch?: BatchWindow): string {
    const { body, ephemerals } =
      sql === undefined ? this.body(node) : this.replace(node, sql, batch);
    if (ephemerals.length === 0) return body;
    const ordered: string[] = [];
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const dep of this.body(this.nodes.get(id)!).ephemerals) visit(dep);
      ordered.push(id);
    };
    for (const id of ephemerals) visit(id);
    const ctes = ordered.map((id) => {
      const eph = this.nodes.get(id)!;
      return `${EPHEMERAL_CTE_PREFIX}${eph.name} as (\n${this.body(eph).body.trim()}\n)`;
    });
    return injectCtes(body, ctes);
  }

  private body(node: ManifestNode): { body: string; ephemerals: string[] } {
    let b = this.bodies.get(node.unique_id);
    if (!b) {
      b = this.replace(node, this.renderedSql.get(node.unique_id) ?? '');
      this.bodies.set(node.unique_id, b);
    }
    return b;
  }

  private replace(
    node: ManifestNode,
    sql: string,
    batch?: BatchWindow,
  ): { body: string; ephemerals: string[] } {
    const ephemerals: string[] = [];
    const body = replaceMarkers(sql, (encoded, part, end) => {
      const filtered = (read: string, identifier: string, target: ManifestNode) =>
        this.inBatch(read, identifier, target, batch, () => aliasFollows(sql, end));
      const key = decodeKey(encoded);
      const target = key.kind === 'this' ? node : this.resolveKey(node, key);
      if (!target) return '__unresolved__';
      if (
        target.config.materialized === 'ephemeral' &&
        key.kind !== 'this' &&
        target.resource_type === 'model'
      ) {
        if (!ephemerals.includes(target.unique_id)) ephemerals.push(target.unique_id);
        const cte = `${EPHEMERAL_CTE_PREFIX}${target.name}`;
        if (part) return cte;
        // dbt limits an ephemeral ref like any other: it reads no rows under --empty.
        return filtered(this.emptyInputs ? this.empty(cte, cte) : cte, cte, target);
      }
      const rel = target.relation ?? { schema: '', identifier: target.name };
      if (part === 'schema') return rel.schema;
      if (part === 'identifier') return rel.identifier;
      if (part === 'database') return rel.database ?? NO_DATABASE;
      let rendered = this.relationText.get(target.unique_id);
      if (rendered === undefined)
        this.relationText.set(target.unique_id, (rendered = this.renderRelation(rel)));
      if (key.kind === 'this') return rendered;
      const read = this.emptyInputs ? this.empty(rendered, rel.identifier) : rendered;
      return filtered(read, rel.identifier, target);
    });
    // A relation without a database prints no `database.` prefix either (`{{ r.database }}.x`,
    // `information_schema()` on PostgreSQL, whose relations name none).
    return {
      body: body.includes(NO_DATABASE) ? body.replace(NO_DATABASE_PREFIX, '') : body,
      ephemerals,
    };
  }

  /**
   * dbt's `render_event_time_filtered`: a parent with `event_time`, read within a batch, is a
   * subquery of the batch's window (around `--empty`'s, as dbt nests them). Where the engine
   * needs subqueries named it is named, unless the SQL names it already (`ref('x') e`), which
   * would be a second alias and a syntax error (dbt-postgres writes both).
   */
  private inBatch(
    read: string,
    identifier: string,
    target: ManifestNode,
    batch: BatchWindow | undefined,
    aliased: () => boolean,
  ): string {
    const column = target.config.event_time;
    if (!batch || typeof column !== 'string' || column.trim() === '') return read;
    const filter = `${column} >= '${eventTimeText(batch.start)}' and ${column} < '${eventTimeText(batch.end)}'`;
    const subquery = `(select * from ${read} where ${filter})`;
    return this.aliasEmptySubqueries && !aliased()
      ? `${subquery} _dbt_et_filter_subq_${identifier}`
      : subquery;
  }

  /** dbt's `render_limited` with limit 0. */
  private empty(rendered: string, identifier: string): string {
    const subquery = `(select * from ${rendered} where false limit 0)`;
    return this.aliasEmptySubqueries ? `${subquery} _dbt_limit_subq_${identifier}` : subquery;
  }
}

/** Words that may follow a relation in FROM without being its alias. */
const NOT_AN_ALIAS = new Set(
  (
    'where join inner left right full cross natural on using group order limit offset union ' +
    'intersect except minus having window qualify fetch for lateral tablesample returning and ' +
    'or then when else end set values select from into pivot unpivot sample'
  ).split(' '),
);
const ALIAS_AFTER = /\s+(?:as\s+)?("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)/iy;

/** Whether the relation ending at `end` of `sql` is followed by an alias of the user's. */
function aliasFollows(sql: string, end: number): boolean {
  ALIAS_AFTER.lastIndex = end;
  const m = ALIAS_AFTER.exec(sql);
  return m !== null && (m[1]!.startsWith('"') || !NOT_AN_ALIAS.has(m[1]!.toLowerCase()));
}

/**
 * Puts CTEs in front of `sql`. When `sql` already opens with `with` (after whitespace and
 * comments, as a model's text after its `config()` line does), they join its list — a second
 * `with` would be a syntax error — as dbt merges them.
 */
export function injectCtes(sql: string, ctes: string[]): string {
  const lead = /^\s*(?:(?:--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)\s*)*/.exec(sql)![0];
  const rest = sql.slice(lead.length);
  const withMatch = /^with(\s+recursive)?\s+/i.exec(rest);
  if (withMatch)
    return `${lead}${withMatch[0]}${ctes.join(',\n')},\n${rest.slice(withMatch[0].length)}`;
  // No `with` of its own: dbt puts the CTEs first, ahead of any leading comment.
  return `with ${ctes.join(',\n')}\n${sql}`;
}
