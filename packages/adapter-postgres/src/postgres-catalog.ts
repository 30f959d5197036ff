import { sql, type CompiledQuery } from 'kysely';
import { pgQueryBuilder } from './pg-query-builder';

/**
 * One schema's catalog, as dbt-postgres's `postgres__get_catalog` reads it: every permanent or
 * unlogged table, view, materialized view, foreign and partitioned table, with `format_type`
 * column types (what `getColumns` returns), comments from pg_description and the owner's role.
 * Left-joined to its columns, so a table without columns is still listed. A session sees only
 * its own database, which names every row. Only the schema is a parameter: the constants stay
 * in the text, where a reader of the golden SQL sees them.
 */
export function pgCatalogQuery(schema: string): CompiledQuery {
  return pgQueryBuilder
    .selectFrom('pg_catalog.pg_namespace as sch')
    .innerJoin('pg_catalog.pg_class as tbl', 'tbl.relnamespace', 'sch.oid')
    .leftJoin('pg_catalog.pg_attribute as col', (join) =>
      join
        .onRef('col.attrelid', '=', 'tbl.oid')
        .on(sql<boolean>`col.attnum > 0`)
        .on(sql<boolean>`not col.attisdropped`),
    )
    .leftJoin('pg_catalog.pg_description as tbl_desc', (join) =>
      join.onRef('tbl_desc.objoid', '=', 'tbl.oid').on(sql<boolean>`tbl_desc.objsubid = 0`),
    )
    .leftJoin('pg_catalog.pg_description as col_desc', (join) =>
      join.onRef('col_desc.objoid', '=', 'tbl.oid').onRef('col_desc.objsubid', '=', 'col.attnum'),
    )
    .select([
      sql<string>`current_database()`.as('table_database'),
      'sch.nspname as table_schema',
      'tbl.relname as table_name',
      sql<string>`case tbl.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW' else 'BASE TABLE' end`.as(
        'table_type',
      ),
      'tbl_desc.description as table_comment',
      sql<string>`pg_catalog.pg_get_userbyid(tbl.relowner)`.as('table_owner'),
      'col.attname as column_name',
      'col.attnum as column_index',
      sql<string | null>`pg_catalog.format_type(col.atttypid, col.atttypmod)`.as('column_type'),
      'col_desc.description as column_comment',
    ])
    .where('sch.nspname', '=', schema)
    .where(sql<boolean>`not pg_catalog.pg_is_other_temp_schema(sch.oid)`)
    .where(sql<boolean>`tbl.relpersistence in ('p', 'u')`)
    .where(sql<boolean>`tbl.relkind in ('r', 'v', 'f', 'p', 'm')`)
    .orderBy('tbl.relname')
    .orderBy('col.attnum')
    .compile();
}
