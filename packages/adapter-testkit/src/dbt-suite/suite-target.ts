import type { Adapter } from '@tsmodel/core/adapter';

/**
 * Where one module of the dbt suite runs. The suite is engine-agnostic: it writes projects
 * and reads what the CLI built; only this object knows the engine. A DuckDB target shares one
 * file per module (schemas keep the cases apart), a server target one database for a run.
 */
export interface DbtSuiteTarget {
  /** The profile `type:` — also picks expected values where engines print them differently. */
  type: string;
  /** The `outputs.dev` block of profiles.yml for a case building in `schema`. */
  output(schema: string): Record<string, unknown>;
  /**
   * An adapter on the same database, for reading what a command wrote. The suite closes it
   * after each read, because DuckDB lets only one instance hold a file.
   */
  adapter(schema: string): Adapter;
  /**
   * The database (catalog) name relations are rendered with: DuckDB's catalog (the file's
   * name), a server target's only when its profile names one.
   */
  database?: string;
  /**
   * Drops what the module's cases built: each case's schema and every schema named with it as
   * a prefix (custom schemas). A shared server needs it; a temp DuckDB file does not.
   */
  cleanup?(schemas: string[]): Promise<void>;
}

/** Makes the target of one dbt module (`module` names its DuckDB file). */
export type DbtSuiteTargetFactory = (module: string) => DbtSuiteTarget;
