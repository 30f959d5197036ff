/**
 * The SQL syntax tree lineage walks, from polyglot-sql's parser (a Rust port of sqlglot's
 * grammars): one tree shape for DuckDB, PostgreSQL, Redshift and Snowflake, so one walker
 * serves every target. Every expression is a JSON object with one key, its kind
 * (`{"column": {...}}`, `{"select": {...}}`, `{"sum": {...}}`), whose value holds its parts.
 */

/** An expression of the tree: `{ <kind>: <payload> }`. */
export type Ast = Record<string, unknown>;

/** An identifier as the parser keeps it: the name as written and whether it was quoted. */
export interface Identifier {
  name: string;
  quoted?: boolean;
}

/** The dialects the parser is asked for, by adapter type; others parse as generic SQL. */
const PARSER_DIALECTS: Record<string, string> = {
  duckdb: 'duckdb',
  postgres: 'postgres',
  redshift: 'redshift',
  snowflake: 'snowflake',
};

type PolyglotParse = (
  sql: string,
  dialect: string,
) => {
  success: boolean;
  ast?: unknown[];
  error?: string;
};

/** A loaded parser: `parse(sql)` gives the statements or the parser's error. */
export interface SqlParser {
  dialect: string;
  parse(sql: string): { statements: Ast[] } | { error: string };
}

/**
 * Loads the parser for an adapter type. Loaded on demand: the grammar is a WebAssembly module
 * that only `docs generate` and `lineage` need.
 */
export async function loadSqlParser(adapterType: string): Promise<SqlParser> {
  const polyglot = (await import('@polyglot-sql/sdk')) as unknown as { parse: PolyglotParse };
  const dialect = PARSER_DIALECTS[adapterType] ?? 'generic';
  return {
    dialect,
    parse(sql) {
      const result = polyglot.parse(sql, dialect);
      if (!result.success) return { error: result.error ?? 'the parser gave no reason' };
      return { statements: (result.ast ?? []).filter(isAst) };
    },
  };
}

/** Whether `value` is an expression node: an object with exactly one key. */
export function isAst(value: unknown): value is Ast {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.keys(value).length === 1;
}

/** The kind of an expression (`select`, `column`, `alias`, …), or undefined for other values. */
export function kindOf(value: unknown): string | undefined {
  return isAst(value) ? Object.keys(value)[0] : undefined;
}

/** The payload of an expression of the given kind, or undefined when it is another kind. */
export function payloadOf(value: unknown, kind: string): Record<string, unknown> | undefined {
  if (kindOf(value) !== kind) return undefined;
  const body = (value as Ast)[kind];
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

/** The payload of any expression (its one value), for walking its children. */
export function bodyOf(value: Ast): unknown {
  return value[Object.keys(value)[0]!];
}

/** `value` as an identifier, when it is one. */
export function asIdentifier(value: unknown): Identifier | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' ? (value as Identifier) : undefined;
}

/** Position bookkeeping and comments: never part of what a query computes. */
const NOT_CHILDREN = new Set([
  'span',
  'trailing_comments',
  'leading_comments',
  'pre_alias_comments',
]);

/** The values under `value` worth visiting (objects and arrays), in order. */
export function childValues(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === null || typeof value !== 'object') return [];
  const out: unknown[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (NOT_CHILDREN.has(key) || child === null || typeof child !== 'object') continue;
    out.push(child);
  }
  return out;
}

/** Identifiers compare as the engines resolve unquoted names: without regard to case. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
