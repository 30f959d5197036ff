import { duckdbDialect } from '../adapter/dialects/duckdb';
import { postgresDialect } from '../adapter/dialects/postgres';
import { redshiftDialect } from '../adapter/dialects/redshift';
import { snowflakeDialect } from '../adapter/dialects/snowflake';
import type { Dialect } from '../adapter/dialect';
import type { RelationName } from '../manifest/types';

/**
 * Pure dialects by adapter type, for compiling without loading any driver. Types whose
 * dialect is not written yet compile with the SQL-standard rendering below.
 */
const DIALECTS: Record<string, Dialect> = {
  duckdb: duckdbDialect,
  postgres: postgresDialect,
  redshift: redshiftDialect,
  snowflake: snowflakeDialect,
};

/** Adapter types whose macros a type falls back to before `default__` (dbt's dispatch chain). */
const PARENTS: Record<string, string[]> = { redshift: ['postgres'] };

export function dialectFor(type: string): Dialect | undefined {
  return DIALECTS[type];
}

export function adapterParents(type: string): string[] {
  return PARENTS[type] ?? [];
}

/** `"database"."schema"."identifier"`, parts omitted when empty, unquoted where `quoting` says. */
export function standardRelationRenderer(rel: RelationName): string {
  const q = rel.quoting ?? {};
  return (
    [
      [rel.database, q.database],
      [rel.schema, q.schema],
      [rel.identifier, q.identifier],
    ] as Array<[string | undefined, boolean | undefined]>
  )
    .filter((p): p is [string, boolean | undefined] => !!p[0])
    .map(([p, quoted]) => (quoted === false ? p : `"${p.replace(/"/g, '""')}"`))
    .join('.');
}

export function relationRendererFor(type: string): (rel: RelationName) => string {
  const dialect = DIALECTS[type];
  return dialect ? (rel) => dialect.renderRelation(rel) : standardRelationRenderer;
}
