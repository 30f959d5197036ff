import { duckdbDialect, type AdapterPlugin } from '@tsmodel/core/adapter';

/** `type: duckdb`, the embedded default. DuckDB's native binary loads only in `create`. */
export const plugin: AdapterPlugin = {
  type: 'duckdb',
  parentTypes: [],
  dialect: duckdbDialect,
  create: async (target, ctx) =>
    (await import('./duckdb-adapter')).createDuckDBAdapter(target, ctx),
};
