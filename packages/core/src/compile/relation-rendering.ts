import type { Dialect, TemplatingDialect } from '../adapter/dialect';
import { dispatchOrder, type AdapterPlugin } from '../adapter/plugin';
import type { RelationName } from '../manifest/types';
import { renderRelationName } from '../adapter/sql-dialect';

/** `"database"."schema"."identifier"`, parts omitted when empty, unquoted where `quoting` says. */
export function standardRelationRenderer(rel: RelationName): string {
  return renderRelationName(rel, (p) => `"${p.replace(/"/g, '""')}"`);
}

/**
 * Relations in the adapter's dialect. A compile that is given no adapter (core's own tests
 * compile projects without one) renders SQL-standard names.
 */
export function relationRendererFor(dialect: Dialect | undefined): (rel: RelationName) => string {
  return dialect ? (rel) => dialect.renderRelation(rel) : standardRelationRenderer;
}

/** What templates read from the adapter; without one, the type itself and `"`-quoting. */
export function templatingDialectOf(
  type: string,
  plugin: AdapterPlugin | undefined,
): TemplatingDialect {
  return {
    type,
    dispatchOrder: plugin ? dispatchOrder(plugin) : [type],
    quoteCharacter: plugin?.dialect.quoteCharacter ?? '"',
  };
}
