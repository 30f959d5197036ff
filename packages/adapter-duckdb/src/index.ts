export { createDuckDBAdapter, DuckDBAdapter } from './duckdb-adapter';
export { plugin } from './plugin';
export { DuckDBTsmodelConnection } from './duckdb-connection';
export { duckdbCatalogQuery, duckdbIntrospector } from './duckdb-introspector';
export { parseDuckDBProfile, type DuckDBProfile } from './profile';
export { duckdbDialect, DuckDBDialect } from '@tsmodel/core/adapter';
