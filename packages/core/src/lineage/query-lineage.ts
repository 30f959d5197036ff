import { combine, untraced, type Traced } from './derivation';
import { QUERY_KINDS, traceExpression, unwrapParens } from './expression-lineage';
import { newScope, resolveColumn, type FromItem, type Scope } from './scope';
import {
  mergeUnlisted,
  opaqueShape,
  renameColumns,
  unionShape,
  type Shape,
  type ShapeColumn,
  type UnlistedColumns,
} from './shape';
import { asIdentifier, kindOf, payloadOf, sameName, type Ast, type Identifier } from './sql-ast';
import type { ColumnRef } from './types';

/** How a query's table names become node relations: the project's side of the walk. */
export interface RelationResolver {
  /**
   * The shape of the relation a FROM clause names (parts as written: database, schema, name),
   * or undefined when it is no node of the project.
   */
  table(parts: readonly Identifier[]): Shape | undefined;
  /** The shape of CTE `name` when it is an inlined ephemeral model (`__dbt__cte__<model>`). */
  ephemeral(name: string): Shape | undefined;
}

interface CteEntry {
  query: unknown;
  env: CteEnv;
  shape?: Shape;
  evaluating?: boolean;
}

/** The CTEs visible at one point of a query, innermost WITH first. */
interface CteEnv {
  entries: Map<string, CteEntry>;
  parent?: CteEnv;
}

/**
 * Walks one model's query: each select's FROM items, CTEs (evaluated once, when first read),
 * subqueries, joins, unions and set operations, giving the shape of its output and collecting
 * the node columns its conditions (WHERE, JOIN, HAVING, QUALIFY) read.
 */
export class QueryLineage {
  readonly filters: ColumnRef[] = [];

  constructor(private readonly relations: RelationResolver) {}

  /** The output shape of `query` (a select, set operation or parenthesised query). */
  query(query: unknown, outer?: Scope, env: CteEnv = { entries: new Map() }): Shape {
    const q = unwrapParens(query);
    const kind = kindOf(q);
    if (kind === 'select') return this.select(payloadOf(q, kind)!, outer, env);
    if (kind === 'union' || kind === 'intersect' || kind === 'except') {
      const op = payloadOf(q, kind)!;
      const inner = this.withCtes(op.with, env);
      if (kind !== 'union') {
        const right = this.query(op.right, outer, inner);
        this.addFilters(right.columns.map((c) => c.traced));
        return this.query(op.left, outer, inner);
      }
      return unionShape([this.query(op.left, outer, inner), this.query(op.right, outer, inner)]);
    }
    if (kind === 'subquery') return this.query(payloadOf(q, kind)!.this, outer, env);
    if (kind === 'values') return valuesShape(payloadOf(q, kind)!);
    return opaqueShape(`a ${kind ?? 'statement'} query`);
  }

  private withCtes(withClause: unknown, env: CteEnv): CteEnv {
    const ctes = (withClause as { ctes?: unknown[] } | null | undefined)?.ctes;
    if (!Array.isArray(ctes) || ctes.length === 0) return env;
    const inner: CteEnv = { entries: new Map(), parent: env };
    for (const cte of ctes as Array<{ alias?: unknown; this?: unknown }>) {
      const name = asIdentifier(cte.alias)?.name;
      if (name !== undefined)
        inner.entries.set(name.toLowerCase(), { query: cte.this, env: inner });
    }
    return inner;
  }

  private cte(name: string, env: CteEnv): Shape | undefined {
    for (let e: CteEnv | undefined = env; e; e = e.parent) {
      const entry = e.entries.get(name.toLowerCase());
      if (!entry) continue;
      const ephemeral = this.relations.ephemeral(name);
      if (ephemeral) return ephemeral;
      if (entry.shape) return entry.shape;
      if (entry.evaluating) return opaqueShape(`recursive CTE ${name}`);
      entry.evaluating = true;
      entry.shape = this.query(entry.query, undefined, entry.env);
      entry.evaluating = false;
      return entry.shape;
    }
    return undefined;
  }

  private select(sel: Record<string, unknown>, outer: Scope | undefined, outerEnv: CteEnv): Shape {
    const env = this.withCtes(sel.with, outerEnv);
    const scope = newScope([], outer);
    const evaluate = (q: Ast, around: Scope): Shape => this.query(q, around, env);
    const from = (sel.from as { expressions?: unknown[] } | null | undefined)?.expressions ?? [];
    for (const item of from) scope.items.push(this.fromItem(item, scope, env));
    const joins = Array.isArray(sel.joins) ? (sel.joins as Array<Record<string, unknown>>) : [];
    for (const join of joins) scope.items.push(this.fromItem(join.this, scope, env));
    for (const w of Array.isArray(sel.windows)
      ? (sel.windows as Array<Record<string, unknown>>)
      : []) {
      const name = asIdentifier(w.name)?.name;
      if (name !== undefined) scope.windows.set(name.toLowerCase(), w.spec as Ast);
    }
    for (const join of joins) {
      for (const id of Array.isArray(join.using) ? join.using : []) {
        const name = asIdentifier(id)?.name;
        if (name === undefined) continue;
        scope.usingColumns.add(name.toLowerCase());
        this.addFilters([resolveColumn(scope, name)]);
      }
      if (join.on) this.addFilters([traceExpression(join.on, scope, evaluate)]);
    }
    for (const clause of [sel.where_clause, sel.having, sel.qualify]) {
      const condition = (clause as { this?: unknown } | null | undefined)?.this;
      if (condition) this.addFilters([traceExpression(condition, scope, evaluate)]);
    }
    return this.selectList(Array.isArray(sel.expressions) ? sel.expressions : [], scope, evaluate);
  }

  private selectList(
    expressions: unknown[],
    scope: Scope,
    evaluate: (q: Ast, around: Scope) => Shape,
  ): Shape {
    const columns: ShapeColumn[] = [];
    const unlisted: UnlistedColumns[] = [];
    let firstUnlisted = -1;
    for (const expr of expressions) {
      const star = payloadOf(expr, 'star');
      if (star) {
        const expanded = expandStar(star, scope, evaluate);
        if (expanded.unlisted.length > 0 && firstUnlisted < 0)
          firstUnlisted = columns.length + expanded.unlistedAt;
        columns.push(...expanded.columns);
        unlisted.push(...expanded.unlisted);
        continue;
      }
      const column: ShapeColumn = {
        name: outputName(expr),
        traced: traceExpression(aliased(expr), scope, evaluate),
      };
      columns.push(column);
      scope.selectAliases.push(column);
    }
    const merged = mergeUnlisted(unlisted, Math.max(firstUnlisted, 0));
    return merged ? { columns, unlisted: merged } : { columns };
  }

  private fromItem(item: unknown, scope: Scope, env: CteEnv): FromItem {
    const kind = kindOf(item);
    if (kind === 'table') {
      const table = payloadOf(item, kind)!;
      const parts = [table.catalog, table.schema, table.name]
        .map(asIdentifier)
        .filter((p): p is Identifier => !!p);
      const name = parts[parts.length - 1]?.name ?? '?';
      const alias = asIdentifier(table.alias)?.name ?? name;
      const shape =
        (parts.length === 1 ? this.cte(name, env) : undefined) ??
        this.relations.table(parts) ??
        opaqueShape(parts.map(displayPart).join('.'));
      return { alias, shape: renameColumns(shape, identifiers(table.column_aliases)) };
    }
    if (kind === 'subquery' || kind === 'lateral') {
      const sub = payloadOf(item, kind)!;
      const alias =
        asIdentifier(sub.alias)?.name ?? (typeof sub.alias === 'string' ? sub.alias : '');
      const isQuery =
        QUERY_KINDS.has(kindOf(unwrapParens(sub.this)) ?? '') || kindOf(sub.this) === 'values';
      const shape = isQuery
        ? this.query(sub.this, kind === 'lateral' ? scope : scope.outer, env)
        : opaqueShape(`table function ${alias}`);
      return { alias, shape: renameColumns(shape, identifiers(sub.column_aliases)) };
    }
    const wrapped = payloadOf(item, 'alias');
    const alias = asIdentifier(wrapped?.alias)?.name ?? kind ?? '?';
    return { alias, shape: opaqueShape(`table function ${alias}`) };
  }

  private addFilters(traced: readonly Traced[]): void {
    for (const t of traced) this.filters.push(...t.upstream);
  }
}

/** `* [exclude (…)] [replace (… as …)] [rename (… as …)]` or `t.*` against the scope. */
function expandStar(
  star: Record<string, unknown>,
  scope: Scope,
  evaluate: (q: Ast, around: Scope) => Shape,
): { columns: ShapeColumn[]; unlisted: UnlistedColumns[]; unlistedAt: number } {
  const qualifier = asIdentifier(star.table)?.name;
  const excluded = identifiers(star.except);
  const renamed = Array.isArray(star.rename) ? (star.rename as unknown[][]) : [];
  const replaced = Array.isArray(star.replace) ? star.replace : [];
  const items =
    qualifier === undefined ? scope.items : scope.items.filter((i) => sameName(i.alias, qualifier));
  if (items.length === 0) {
    const reason = `no relation ${qualifier ?? ''} in scope for its *`;
    return {
      columns: [],
      unlisted: [{ reason, nodes: [], position: 0, lookup: () => untraced(reason) }],
      unlistedAt: 0,
    };
  }
  const columns: ShapeColumn[] = [];
  const unlisted: UnlistedColumns[] = [];
  let unlistedAt = -1;
  for (const item of items) {
    if (item.shape.unlisted) {
      if (unlistedAt < 0) unlistedAt = columns.length + item.shape.unlisted.position;
      unlisted.push(item.shape.unlisted);
    }
    for (const c of item.shape.columns) {
      if (excluded.some((e) => sameName(e, c.name))) continue;
      const replacement = replaced.find((r) => sameName(outputName(r), c.name));
      const rename = renamed.find((pair) => sameName(asIdentifier(pair[0])?.name ?? '', c.name));
      columns.push({
        name: asIdentifier(rename?.[1])?.name ?? c.name,
        traced: replacement ? traceExpression(aliased(replacement), scope, evaluate) : c.traced,
      });
    }
  }
  return { columns, unlisted, unlistedAt: Math.max(unlistedAt, 0) };
}

/** `values (…), (…)`: columns by position, named as the engine does when no alias names them. */
function valuesShape(values: Record<string, unknown>): Shape {
  const rows = (Array.isArray(values.expressions) ? values.expressions : []) as Array<{
    expressions?: unknown[];
  }>;
  const width = rows[0]?.expressions?.length ?? 0;
  const columns: ShapeColumn[] = [];
  for (let i = 0; i < width; i++) {
    const cells = rows.map((r) =>
      traceExpression(r.expressions?.[i], newScope([]), () => ({ columns: [] })),
    );
    columns.push({ name: `column${i + 1}`, traced: combine(cells, 'transformation') });
  }
  return { columns };
}

/** The expression of a select item, without its `as name`. */
function aliased(expr: unknown): unknown {
  return payloadOf(expr, 'alias')?.this ?? expr;
}

/**
 * The name a select item gives its column: its alias, else the column (or struct field) it
 * reads, else the expression's function name (engines differ on unnamed expressions).
 */
function outputName(expr: unknown): string {
  const alias = asIdentifier(payloadOf(expr, 'alias')?.alias)?.name;
  if (alias !== undefined) return alias;
  const inner = unwrapParens(expr);
  const column = payloadOf(inner, 'column');
  if (column) return asIdentifier(column.name)?.name ?? '?column?';
  const dot = payloadOf(inner, 'dot');
  if (dot) return asIdentifier(dot.field)?.name ?? '?column?';
  const fn = payloadOf(inner, 'function') ?? payloadOf(inner, 'aggregate_function');
  return typeof fn?.name === 'string' ? fn.name.toLowerCase() : (kindOf(inner) ?? '?column?');
}

function identifiers(list: unknown): string[] {
  return (Array.isArray(list) ? list : [])
    .map((i) => asIdentifier(i)?.name)
    .filter((n): n is string => !!n);
}

function displayPart(part: Identifier): string {
  return part.quoted ? `"${part.name}"` : part.name;
}
