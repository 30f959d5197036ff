import type { AdapterPlugin } from '@tsmodel/core/adapter';
import { snowflakeDialect } from './snowflake-dialect';

/**
 * `type: snowflake`. This module holds only the pure dialect, so compiling for Snowflake (and
 * every DuckDB user) never loads snowflake-sdk; `create` imports the driver.
 */
export const plugin: AdapterPlugin = {
  type: 'snowflake',
  parentTypes: [],
  dialect: snowflakeDialect,
  create: async (target, ctx) => {
    const { createSnowflakeAdapter } = await import('./snowflake-adapter');
    return createSnowflakeAdapter(target, ctx);
  },
};
