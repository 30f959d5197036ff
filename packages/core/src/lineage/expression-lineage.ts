import { combine, type Derivation, type Traced } from './derivation';
import { resolveColumn, type Scope } from './scope';
import type { Shape } from './shape';
import { asIdentifier, bodyOf, childValues, isAst, kindOf, payloadOf, type Ast } from './sql-ast';

/**
 * Expression kinds of the parser's tree that fold rows: its typed aggregates and the generic
 * `aggregate_function` (every other aggregate, `arg_max`, `corr`, …). Under `over (…)` they are
 * window functions: a transformation, not an aggregation.
 */
const AGGREGATE_KINDS = new Set([
  'aggregate_function',
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'group_concat',
  'string_agg',
  'list_agg',
  'array_agg',
  'count_if',
  'sum_if',
  'stddev',
  'stddev_pop',
  'stddev_samp',
  'variance',
  'var_pop',
  'var_samp',
  'median',
  'mode',
  'first',
  'last',
  'any_value',
  'approx_distinct',
  'approx_count_distinct',
  'logical_or',
  'logical_and',
  'within_group',
  'bit_and',
  'bit_or',
  'bit_xor',
  'bool_and',
  'bool_or',
  'covar_pop',
  'covar_samp',
  'corr',
]);

/** Kinds that are a whole query (a scalar, IN or EXISTS subquery inside an expression). */
export const QUERY_KINDS = new Set(['select', 'union', 'intersect', 'except', 'subquery']);

/** Evaluates a nested query against the scope around it. */
export type QueryEvaluator = (query: Ast, outer: Scope) => Shape;

interface Walk {
  scope: Scope;
  evaluate: QueryEvaluator;
  parts: Traced[];
  aggregated: boolean;
  /** Names bound by enclosing lambdas (`x -> x + 1`): not columns. */
  lambdaNames: Set<string>;
}

/**
 * Traces one expression of a query: every column it reads (through CTEs, subqueries and outer
 * scopes), as a transformation — or an aggregation when it aggregates outside a window. A bare
 * column (also in parentheses) keeps the derivation of that column.
 */
export function traceExpression(expr: unknown, scope: Scope, evaluate: QueryEvaluator): Traced {
  const inner = unwrapParens(expr);
  if (kindOf(inner) === 'column') {
    const walk: Walk = { scope, evaluate, parts: [], aggregated: false, lambdaNames: new Set() };
    visit(inner, walk, false);
    if (walk.parts.length === 1) return walk.parts[0]!;
  }
  const walk: Walk = { scope, evaluate, parts: [], aggregated: false, lambdaNames: new Set() };
  visit(expr, walk, false);
  const atLeast: Derivation = walk.aggregated ? 'aggregation' : 'transformation';
  return combine(walk.parts, atLeast);
}

/** `(x)` → `x`, any depth. */
export function unwrapParens(expr: unknown): unknown {
  let e = expr;
  while (kindOf(e) === 'paren') e = payloadOf(e, 'paren')!.this;
  return e;
}

function visit(value: unknown, walk: Walk, inWindow: boolean): void {
  const kind = kindOf(value);
  if (kind === undefined || !isAst(value)) {
    for (const child of childValues(value)) visit(child, walk, inWindow);
    return;
  }
  if (kind === 'column') return visitColumn(payloadOf(value, 'column')!, walk);
  if (QUERY_KINDS.has(kind)) {
    const shape = walk.evaluate(value, walk.scope);
    walk.parts.push(...shape.columns.map((c) => c.traced));
    if (shape.unlisted)
      walk.parts.push({ upstream: [], derivation: 'direct', unresolved: shape.unlisted.reason });
    return;
  }
  if (kind === 'window_function') return visitWindow(payloadOf(value, kind)!, walk);
  if (kind === 'lambda') return visitLambda(payloadOf(value, kind)!, walk, inWindow);
  if (AGGREGATE_KINDS.has(kind) && !inWindow) walk.aggregated = true;
  for (const child of childValues(bodyOf(value))) visit(child, walk, inWindow);
}

function visitColumn(column: Record<string, unknown>, walk: Walk): void {
  const name = asIdentifier(column.name)?.name;
  if (name === undefined) return;
  const qualifier = asIdentifier(column.table)?.name;
  if (qualifier === undefined && walk.lambdaNames.has(name.toLowerCase())) return;
  walk.parts.push(resolveColumn(walk.scope, name, qualifier));
}

/** `f(…) over (partition by … order by …)`: the function, its window and any named window. */
function visitWindow(window: Record<string, unknown>, walk: Walk): void {
  visit(window.this, walk, true);
  const over = window.over as Record<string, unknown> | null | undefined;
  if (!over) return;
  visit(over.partition_by, walk, true);
  visit(over.order_by, walk, true);
  const named = asIdentifier(over.window_name)?.name;
  const spec = named === undefined ? undefined : walk.scope.windows.get(named.toLowerCase());
  if (spec) visit(spec, walk, true);
}

function visitLambda(lambda: Record<string, unknown>, walk: Walk, inWindow: boolean): void {
  const params = Array.isArray(lambda.parameters) ? lambda.parameters : [];
  const bound = params
    .map((p) => asIdentifier(p)?.name?.toLowerCase())
    .filter((n): n is string => !!n);
  const added = bound.filter((n) => !walk.lambdaNames.has(n));
  for (const n of added) walk.lambdaNames.add(n);
  visit(lambda.body, walk, inWindow);
  for (const n of added) walk.lambdaNames.delete(n);
}
