import type { ColumnDef, Introspector, RelationInfo, StatementRunner } from '@tsmodel/core/adapter';
import type { RelationName } from '@tsmodel/core';
import { describeSnowflakeSchema } from './snowflake-catalog';
import { snowflakeColumnType, type SnowflakeColumnRow } from './snowflake-column-type';
import type { SnowflakeDialect } from './snowflake-dialect';

/** How a catalog name compares with a name tsmodel renders: Snowflake stores bare names upper-cased. */
function catalogName(dialect: SnowflakeDialect, name: string): string {
  return dialect.identifierKey(name);
}

/**
 * Introspection through `show terse objects in schema` (one metadata call per schema, no
 * warehouse needed, what dbt-snowflake's `list_relations_without_caching` runs) and the
 * database's `information_schema.columns` for column types. Names come back as Snowflake stores
 * them, so a bare `orders` is listed as `ORDERS`; callers compare through `identifierKey`.
 * `describeSchema` reads the schema's catalog in one information_schema query.
 */
export function snowflakeIntrospector(
  runner: StatementRunner,
  dialect: SnowflakeDialect,
): Introspector {
  return {
    async listRelations(database, schema): Promise<RelationInfo[]> {
      const where = dialect.renderRelation({ database, schema, identifier: '' });
      let rows: Array<{ name: string; kind: string }>;
      try {
        rows = await runner.query(`show terse objects in schema ${where}`);
      } catch (error) {
        // `show` fails on a schema that does not exist; that is an empty schema to the runner.
        if (/does not exist or not authorized/i.test(String((error as Error).message))) return [];
        throw error;
      }
      return rows
        .filter((r) => r.kind === 'TABLE' || r.kind === 'VIEW' || r.kind === 'MATERIALIZED_VIEW')
        .map((r) => ({ name: r.name, kind: r.kind === 'TABLE' ? 'table' : 'view' }));
    },
    async getColumns(rel: RelationName): Promise<ColumnDef[]> {
      const catalog = rel.database ? `${dialect.quoteIdentifier(rel.database)}.` : '';
      const rows = await runner.query<SnowflakeColumnRow>(
        `select column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, datetime_precision
from ${catalog}information_schema.columns
where table_schema = ? and table_name = ?
order by ordinal_position`,
        [catalogName(dialect, rel.schema), catalogName(dialect, rel.identifier)],
      );
      return rows.map((r) => ({ name: r.COLUMN_NAME, dataType: snowflakeColumnType(r) }));
    },
    describeSchema: (database, schema) =>
      describeSnowflakeSchema(runner, dialect, database, schema),
  };
}
