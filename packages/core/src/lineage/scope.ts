import { combine, strongest, untraced, type Traced } from './derivation';
import { findColumn, type Shape, type ShapeColumn } from './shape';
import { sameName, type Ast } from './sql-ast';

/** A relation of a FROM clause (or join) under the name the query uses for it. */
export interface FromItem {
  alias: string;
  shape: Shape;
}

/**
 * What a column name can mean at one point of a query: the FROM items of its select, the
 * enclosing query's scope for correlated subqueries, and the select list's earlier aliases
 * (DuckDB, Snowflake and Redshift let a later item name an earlier one).
 */
export interface Scope {
  items: FromItem[];
  outer?: Scope;
  selectAliases: ShapeColumn[];
  /** `window w as (…)` specs, by lower-cased name. */
  windows: Map<string, Ast>;
  /** Columns of `join … using (…)`, lower-cased: unqualified, they mean every side at once. */
  usingColumns: Set<string>;
}

export function newScope(items: FromItem[], outer?: Scope): Scope {
  return {
    items,
    ...(outer ? { outer } : {}),
    selectAliases: [],
    windows: new Map(),
    usingColumns: new Set(),
  };
}

/** Traces `qualifier.name` or `name` through the scope, never picking among candidates. */
export function resolveColumn(scope: Scope, name: string, qualifier?: string): Traced {
  return qualifier === undefined
    ? resolveUnqualified(scope, name)
    : resolveQualified(scope, name, qualifier);
}

function resolveQualified(scope: Scope, name: string, qualifier: string): Traced {
  for (let s: Scope | undefined = scope; s; s = s.outer) {
    const item = s.items.find((i) => sameName(i.alias, qualifier));
    if (item) {
      return findColumn(item.shape, name) ?? untraced(`${qualifier} has no column ${name}`);
    }
  }
  // No relation of that name: DuckDB and Snowflake read `a.b` as field b of column a.
  const field = resolveUnqualified(scope, qualifier);
  if (field.unresolved === undefined)
    return { ...field, derivation: strongest(field.derivation, 'transformation') };
  return untraced(`no relation ${qualifier} in scope for ${qualifier}.${name}`);
}

function resolveUnqualified(scope: Scope, name: string): Traced {
  for (let s: Scope | undefined = scope; s; s = s.outer) {
    const listed = s.items.filter((i) => i.shape.columns.some((c) => sameName(c.name, name)));
    if (listed.length === 1) return findColumn(listed[0]!.shape, name)!;
    if (listed.length > 1) {
      if (s.usingColumns.has(name.toLowerCase())) {
        return combine(
          listed.map((i) => findColumn(i.shape, name)!),
          'transformation',
        );
      }
      return untraced(
        `column ${name} is ambiguous: ${listed.map((i) => i.alias).join(', ')} all have it`,
      );
    }
    const unlisted = s.items.filter((i) => i.shape.unlisted);
    const alias = s.selectAliases.find((a) => sameName(a.name, name));
    if (unlisted.length === 1 && !alias) return unlisted[0]!.shape.unlisted!.lookup(name);
    if (unlisted.length > 0) {
      const from = unlisted.map((i) => i.alias).join(', ');
      return untraced(
        alias
          ? `${name} is an earlier select alias or a column of ${from}, whose columns are not known`
          : `column ${name} could come from any of ${from}, whose columns are not known`,
      );
    }
    if (alias) return alias.traced;
  }
  return untraced(`no relation in scope has a column ${name}`);
}
