/**
 * The adapters the CLI ships with, registered in one place. Each package's `plugin` module
 * holds only its pure dialect; a driver (DuckDB's binary, pg, snowflake-sdk) is imported when a
 * run creates the adapter. Any other `type:` is looked up in the project's node_modules by the
 * registry (`tsmodel-adapter-<type>`).
 */
import type { Adapter, AdapterContext, AdapterRegistry } from '@tsmodel/core/adapter';
import type { TargetConfig } from '@tsmodel/core';

let registry: Promise<AdapterRegistry> | undefined;

export function adapterRegistry(): Promise<AdapterRegistry> {
  return (registry ??= (async () => {
    const [{ AdapterRegistry }, duckdb, postgres, snowflake] = await Promise.all([
      import('@tsmodel/core/adapter'),
      import('@tsmodel/adapter-duckdb/plugin'),
      import('@tsmodel/adapter-postgres/plugin'),
      import('@tsmodel/adapter-snowflake/plugin'),
    ]);
    return new AdapterRegistry([
      duckdb.plugin,
      postgres.postgresPlugin,
      postgres.redshiftPlugin,
      snowflake.plugin,
    ]);
  })());
}

/** The adapter for a target, not yet connected: the plugin of its type validates the profile. */
export async function createAdapter(target: TargetConfig, ctx: AdapterContext): Promise<Adapter> {
  const plugin = await (await adapterRegistry()).plugin(target.type, ctx.projectRoot);
  return plugin.create(target, ctx);
}
