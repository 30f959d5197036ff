import type { ColumnDef, Introspector, RelationInfo, StatementRunner } from '@tsmodel/core/adapter';
import type { RelationName } from '@tsmodel/core';
import type { SnowflakeDialect } from './snowflake-dialect';

/** One row of `information_schema.columns`, as Snowflake spells the keys (upper case). */
export interface SnowflakeColumnRow {
  COLUMN_NAME: string;
  DATA_TYPE: string;
  CHARACTER_MAXIMUM_LENGTH: number | null;
  NUMERIC_PRECISION: number | null;
  NUMERIC_SCALE: number | null;
  DATETIME_PRECISION: number | null;
}

/** Snowflake's longest (and default) varchar: a column of this length is plain `varchar`. */
const MAX_VARCHAR = 16777216;

/**
 * The full type of a column, as `alter table … add column` must repeat it. information_schema's
 * `data_type` alone says `NUMBER` for `number(18,2)` and `TEXT` for `varchar(20)`: a column added
 * with it by `on_schema_change` would lose the scale (or the length check).
 */
export function snowflakeColumnType(row: SnowflakeColumnRow): string {
  const type = row.DATA_TYPE.toUpperCase();
  if (type === 'NUMBER' && row.NUMERIC_PRECISION !== null)
    return `NUMBER(${row.NUMERIC_PRECISION},${row.NUMERIC_SCALE ?? 0})`;
  if (type === 'TEXT')
    return row.CHARACTER_MAXIMUM_LENGTH === null || row.CHARACTER_MAXIMUM_LENGTH === MAX_VARCHAR
      ? 'VARCHAR'
      : `VARCHAR(${row.CHARACTER_MAXIMUM_LENGTH})`;
  if (type.startsWith('TIMESTAMP_') && row.DATETIME_PRECISION !== null)
    return `${type}(${row.DATETIME_PRECISION})`;
  return type;
}

/** How a catalog name compares with a name tsmodel renders: Snowflake stores bare names upper-cased. */
function catalogName(dialect: SnowflakeDialect, name: string): string {
  return dialect.identifierKey(name);
}

/**
 * Introspection through `show terse objects in schema` (one metadata call per schema, no
 * warehouse needed, what dbt-snowflake's `list_relations_without_caching` runs) and the
 * database's `information_schema.columns` for column types. Names come back as Snowflake stores
 * them, so a bare `orders` is listed as `ORDERS`; callers compare through `identifierKey`.
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
  };
}
