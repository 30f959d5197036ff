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
