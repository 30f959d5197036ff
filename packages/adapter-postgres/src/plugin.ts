import { PostgresDialect, RedshiftDialect, type AdapterPlugin } from '@tsmodel/core/adapter';

/**
 * `type: postgres` and `type: redshift`. Only the pure dialects load with this module; `pg` is
 * imported when a run creates an adapter.
 */
export const postgresPlugin: AdapterPlugin = {
  type: 'postgres',
  parentTypes: [],
  dialect: new PostgresDialect(),
  create: async (target, ctx) =>
    (await import('./postgres-adapter')).createPostgresAdapter(target, ctx),
};

/** Redshift descends from Postgres: `redshift__` macros, then `postgres__`, then `default__`. */
export const redshiftPlugin: AdapterPlugin = {
  type: 'redshift',
  parentTypes: ['postgres'],
  dialect: new RedshiftDialect(),
  create: async (target, ctx) =>
    (await import('./postgres-adapter')).createRedshiftAdapter(target, ctx),
};

/** The package's main plugin, under the name discovery looks for. */
export const plugin = postgresPlugin;
