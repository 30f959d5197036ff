import { duckdbDialect } from '../adapter/dialects/duckdb';
import { PostgresDialect } from '../adapter/dialects/postgres';
import { RedshiftDialect } from '../adapter/dialects/redshift';
import type { AdapterPlugin } from '../adapter/plugin';
import { AdapterRegistry } from '../adapter/registry';

function compileOnly(
  type: string,
  parentTypes: string[],
  dialect: AdapterPlugin['dialect'],
): AdapterPlugin {
  return {
    type,
    parentTypes,
    dialect,
    create: () => Promise.reject(new Error(`${type}: compile-only test plugin, no driver`)),
  };
}

/**
 * Plugins for the dialects core ships, without drivers: what core's own tests compile with
 * (core never imports an adapter package, so its tests cannot use the real plugins).
 */
export function dialectAdapters(...extra: AdapterPlugin[]): AdapterRegistry {
  return new AdapterRegistry([
    compileOnly('duckdb', [], duckdbDialect),
    compileOnly('postgres', [], new PostgresDialect()),
    compileOnly('redshift', ['postgres'], new RedshiftDialect()),
    ...extra,
  ]);
}
