import { sql, type CompiledQuery } from 'kysely';
import { pgQueryBuilder } from './pg-query-builder';
import {
  catalogRelations,
  informationSchemaIntrospector,
  type CatalogRelation,
  type CatalogRow,
  type ColumnDef,
  type Introspector,
  type StatementRunner,
} from '@tsmodel/core/adapter';
import type { RelationName } from '@tsmodel/core';
import { pgCatalogQuery } from './postgres-catalog';

/**
 * Columns with their full types from the catalog: `format_type` keeps what information_schema
 * drops — `numeric(18,2)`, `character varying(20)`, `integer[]`, enum names — so a type change
 * is detected and `on_schema_change` re-creates a column with exactly the staged type.
 */
export function pgColumnsQuery(rel: RelationName): CompiledQuery {
  return pgQueryBuilder
    .selectFrom('pg_catalog.pg_attribute as a')
    .innerJoin('pg_catalog.pg_class as c', 'c.oid', 'a.attrelid')
    .innerJoin('pg_catalog.pg_namespace as n', 'n.oid', 'c.relnamespace')
    .select([
      'a.attname as column_name',
      sql<string>`format_type(a.atttypid, a.atttypmod)`.as('data_type'),
    ])
    .where('n.nspname', '=', rel.schema)
    .where('c.relname', '=', rel.identifier)
    .where('a.attnum', '>', 0)
    .where('a.attisdropped', '=', false)
    .orderBy('a.attnum')
    .compile();
}

/**
 * Postgres introspection: relations from information_schema (one query per schema, shared with
 * every engine), columns and the catalog from pg_catalog for their exact types. A session sees
 * only its own database, so the relation's database is the connection's.
 */
export function postgresIntrospector(runner: StatementRunner): Introspector {
  const standard = informationSchemaIntrospector(runner);
  return {
    listRelations: (database, schema) => standard.listRelations(database, schema),
    async getColumns(rel): Promise<ColumnDef[]> {
      const q = pgColumnsQuery(rel);
      const rows = await runner.query<{ column_name: string; data_type: string }>(
        q.sql,
        q.parameters,
      );
      return rows.map((r) => ({ name: r.column_name, dataType: r.data_type }));
    },
    async describeSchema(_database, schema): Promise<CatalogRelation[]> {
      const q = pgCatalogQuery(schema);
      return catalogRelations(await runner.query<CatalogRow>(q.sql, q.parameters));
    },
  };
}
