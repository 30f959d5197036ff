export { plugin } from './plugin';
export { SnowflakeDialect, snowflakeDialect } from './snowflake-dialect';
export { parseSnowflakeProfile, type SnowflakeProfile } from './profile';
export { connectionOptions } from './connection-options';
export {
  createSnowflakeAdapter,
  SnowflakeAdapter,
  type SnowflakeDriver,
} from './snowflake-adapter';
export { SnowflakeConnection } from './snowflake-connection';
export { snowflakeIntrospector } from './snowflake-introspector';
export { snowflakeColumnType, type SnowflakeColumnRow } from './snowflake-column-type';
export { snowflakeCatalogQuery, describeSnowflakeSchema } from './snowflake-catalog';
