import type { CatalogRelation, CatalogRow, StatementRunner } from '@tsmodel/core/adapter';
import { catalogRelations } from '@tsmodel/core/adapter';
import type { SnowflakeDialect } from './snowflake-dialect';
import { snowflakeColumnType, type SnowflakeColumnRow } from './snowflake-column-type';

/** One row of the catalog query: the relation's fields, then its column as `getColumns` reads it. */
type SnowflakeCatalogRow = Omit<CatalogRow, 'column_name' | 'column_type'> & {
  [K in keyof SnowflakeColumnRow]: SnowflakeColumnRow[K] | null;
};

/**
 * One schema's catalog from the database's information_schema, as dbt-snowflake's
 * `snowflake__get_catalog` reads it (tables joined to columns, `DYNAMIC TABLE` for dynamic
 * ones, the owning role), in one statement. Column types are rebuilt from the same fields
 * `getColumns` reads (`NUMBER(18,2)`, not dbt's bare `NUMBER`), so both agree. The schema is
 * compared as Snowflake stores it (`identifierKey`); a left join keeps a relation whose columns
 * the role cannot see.
 */
export function snowflakeCatalogQuery(
  dialect: SnowflakeDialect,
  database: string | undefined,
  schema: string,
): { sql: string; parameters: string[] } {
  const catalog = database ? `${dialect.quoteIdentifier(database)}.` : '';
  return {
    sql: `select
    t.table_catalog as "table_database",
    t.table_schema as "table_schema",
    t.table_name as "table_name",
    case
        when t.is_dynamic = 'YES' and t.table_type = 'BASE TABLE' then 'DYNAMIC TABLE'
        else t.table_type
    end as "table_type",
    t.comment as "table_comment",
    t.table_owner as "table_owner",
    c.ordinal_position as "column_index",
    c.comment as "column_comment",
    c.column_name, c.data_type, c.character_maximum_length, c.numeric_precision, c.numeric_scale, c.datetime_precision
from ${catalog}information_schema.tables t
left join ${catalog}information_schema.columns c
    on c.table_catalog = t.table_catalog
    and c.table_schema = t.table_schema
    and c.table_name = t.table_name
where t.table_schema = ?
order by t.table_name, c.ordinal_position`,
    parameters: [dialect.identifierKey(schema)],
  };
}

/** Runs {@link snowflakeCatalogQuery} and groups its rows into relations. */
export async function describeSnowflakeSchema(
  runner: StatementRunner,
  dialect: SnowflakeDialect,
  database: string | undefined,
  schema: string,
): Promise<CatalogRelation[]> {
  const q = snowflakeCatalogQuery(dialect, database, schema);
  const rows = await runner.query<SnowflakeCatalogRow>(q.sql, q.parameters);
  return catalogRelations(
    rows.map((r) => ({
      ...r,
      column_name: r.COLUMN_NAME,
      column_type:
        r.COLUMN_NAME === null || r.DATA_TYPE === null
          ? null
          : snowflakeColumnType(r as SnowflakeColumnRow),
    })),
  );
}
