import type { TargetConfig } from '../project/types';
import type { Adapter, AdapterContext } from './adapter';
import type { Dialect } from './dialect';

/**
 * Everything tsmodel knows about one warehouse, in one object exported by its adapter package
 * (dbt's `AdapterPlugin`). Core never imports an adapter package: the CLI registers the built-in
 * plugins and finds others in the project's `node_modules` (see `plugin-discovery.ts`), and core
 * is handed the plugin — its pure dialect to compile with, its driver only when a run connects.
 */
export interface AdapterPlugin {
  /** The profile `type:` this plugin serves, e.g. `snowflake`. */
  readonly type: string;
  /**
   * Types whose macros `adapter.dispatch` tries after this one, nearest first, before
   * `default__` (redshift: `['postgres']`).
   */
  readonly parentTypes: readonly string[];
  /** The pure dialect `compile` renders with; no driver is loaded to get it. */
  readonly dialect: Dialect;
  /**
   * Validates the target and returns an adapter that has not connected yet. Async so the plugin
   * module stays free of the driver: `create` imports it (pg, snowflake-sdk, DuckDB's binary), and
   * `tsmodel --help`, `compile` and `ls` never load one.
   */
  create(target: TargetConfig, ctx: AdapterContext): Promise<Adapter>;
}

/** `adapter.dispatch` prefixes for a plugin, before `default`: its type, then its parents. */
export function dispatchOrder(plugin: Pick<AdapterPlugin, 'type' | 'parentTypes'>): string[] {
  return [plugin.type, ...plugin.parentTypes];
}

/** Whether a module export is shaped like a plugin (discovered packages are checked with it). */
export function isAdapterPlugin(value: unknown): value is AdapterPlugin {
  const p = value as Partial<AdapterPlugin> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.type === 'string' &&
    Array.isArray(p.parentTypes) &&
    typeof p.create === 'function' &&
    typeof p.dialect === 'object' &&
    p.dialect !== null &&
    typeof p.dialect.renderRelation === 'function'
  );
}
