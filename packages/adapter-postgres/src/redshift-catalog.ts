import { sql, type CompiledQuery } from 'kysely';
import { pgQueryBuilder } from './pg-query-builder';
import {
  catalogRelations,
  informationSchemaIntrospector,
  type CatalogRelation,
  type CatalogRow,
  type Introspector,
  type StatementRunner,
} from '@tsmodel/core/adapter';

/**
 * One schema's catalog as dbt-redshift's `redshift__get_catalog` reads it, in one statement:
 * pg_catalog for tables and ordinary views (`format_type` types, pg_description comments; a
 * view whose definition says `create materialized view` is a `MATERIALIZED VIEW`), then
 * `pg_get_late_binding_view_cols()` for late-binding views, which pg_attribute does not know,
 * joined to pg_tables/pg_views for owners. dbt-redshift's optional svv_table_info statistics
 * are not read: catalog.json reports `has_stats: false`.
 */
export function redshiftCatalogQuery(database: string | undefined, schema: string): CompiledQuery {
  const db = database === undefined ? sql`current_database()` : sql`${database}`;
  return sql`with early_binding as (
    select
        sch.nspname::text as table_schema,
        tbl.relname::text as table_name,
        case
            when tbl.relkind = 'v' and mat_views.table_name is not null then 'MATERIALIZED VIEW'
            when tbl.relkind = 'v' then 'VIEW'
            else 'BASE TABLE'
        end::text as table_type,
        tbl_desc.description::text as table_comment,
        col.attname::text as column_name,
        col.attnum::int as column_index,
        pg_catalog.format_type(col.atttypid, col.atttypmod)::text as column_type,
        col_desc.description::text as column_comment
    from pg_catalog.pg_namespace sch
    join pg_catalog.pg_class tbl on tbl.relnamespace = sch.oid
    join pg_catalog.pg_attribute col on col.attrelid = tbl.oid
    left join pg_catalog.pg_description tbl_desc
        on tbl_desc.objoid = tbl.oid and tbl_desc.objsubid = 0
    left join pg_catalog.pg_description col_desc
        on col_desc.objoid = tbl.oid and col_desc.objsubid = col.attnum
    left join information_schema.views mat_views
        on mat_views.table_schema = sch.nspname
        and mat_views.table_name = tbl.relname
        and mat_views.view_definition ilike '%create materialized view%'
        and mat_views.table_catalog = ${db}
    where tbl.relkind in ('r', 'v', 'f', 'p')
        and col.attnum > 0
        and not col.attisdropped
        and sch.nspname = ${schema}
),
late_binding as (
    select
        table_schema::text as table_schema,
        table_name::text as table_name,
        'LATE BINDING VIEW'::text as table_type,
        null::text as table_comment,
        column_name::text as column_name,
        column_index::int as column_index,
        column_type::text as column_type,
        null::text as column_comment
    from pg_get_late_binding_view_cols()
        cols(table_schema name, table_name name, column_name name, column_type varchar, column_index int)
    where table_schema = ${schema}
),
table_owners as (
    select schemaname::text as table_schema, tablename::text as table_name, tableowner::text as table_owner
    from pg_tables where schemaname = ${schema}
    union all
    select schemaname::text, viewname::text, viewowner::text
    from pg_views where schemaname = ${schema}
),
unioned as (select * from early_binding union all select * from late_binding)
select ${db}::text as table_database, unioned.*, table_owners.table_owner
from unioned
join table_owners using (table_schema, table_name)
order by table_name, column_index`.compile(pgQueryBuilder);
}

/**
 * Redshift: information_schema for relations and columns (its late-binding views are missing
 * from pg_attribute), the catalog as dbt-redshift reads it for `describeSchema`.
 */
export function redshiftIntrospector(runner: StatementRunner): Introspector {
  return {
    ...informationSchemaIntrospector(runner),
    async describeSchema(database, schema): Promise<CatalogRelation[]> {
      const q = redshiftCatalogQuery(database, schema);
      return catalogRelations(await runner.query<CatalogRow>(q.sql, q.parameters));
    },
  };
}
