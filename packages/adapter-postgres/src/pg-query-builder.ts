import {
  DummyDriver,
  Kysely,
  PostgresAdapter as KyselyPostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';

/** The pg_catalog tables the PostgreSQL and Redshift metadata queries read. */
export interface PgCatalog {
  'pg_catalog.pg_namespace': { oid: number; nspname: string };
  'pg_catalog.pg_class': {
    oid: number;
    relname: string;
    relnamespace: number;
    relkind: string;
    relowner: number;
    relpersistence: string;
  };
  'pg_catalog.pg_attribute': {
    attrelid: number;
    attname: string;
    atttypid: number;
    atttypmod: number;
    attnum: number;
    attisdropped: boolean;
  };
  'pg_catalog.pg_description': { objoid: number; objsubid: number; description: string };
}

/**
 * Kysely as a query builder only: it compiles the statement and its `$n` parameters, the
 * Connection runs it (see core's information-schema.ts). One for every metadata query of the
 * PostgreSQL-family adapters.
 */
export const pgQueryBuilder = new Kysely<PgCatalog>({
  dialect: {
    createAdapter: () => new KyselyPostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
