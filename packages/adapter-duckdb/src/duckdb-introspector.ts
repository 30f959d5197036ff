import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type CompiledQuery,
} from 'kysely';
import {
  catalogRelations,
  informationSchemaIntrospector,
  type CatalogRelation,
  type CatalogRow,
  type Introspector,
  type StatementRunner,
} from '@tsmodel/core/adapter';

/**
 * Kysely as a query builder only (DuckDB's SQL takes Postgres' `$n` parameters); the
 * Connection runs the SQL, as for core's information-schema queries. The catalog functions are
 * table functions, so they enter as raw `from` items and the schema type stays empty.
 */
const builder = new Kysely<Record<string, never>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** The database a query is about: the one named, or the session's current one. */
function databaseIs(column: string, database: string | undefined) {
  return database === undefined
    ? sql<boolean>`${sql.ref(column)} = current_database()`
    : sql<boolean>`${sql.ref(column)} = ${database}`;
}

/**
 * The catalog of one schema from `duckdb_tables()`, `duckdb_views()` and `duckdb_columns()`,
 * as dbt-duckdb's `get_catalog` reads it: these carry the comments (`comment on table/view/
 * column`) that information_schema lacks. `duckdb_columns().data_type` is the spelling
 * information_schema gives, so types match `getColumns`. DuckDB has no owners.
 */
export function duckdbCatalogQuery(database: string | undefined, schema: string): CompiledQuery {
  const relations = builder
    .selectFrom(sql`duckdb_tables()`.as('t'))
    .select([
      sql<string>`t.database_name`.as('database_name'),
      sql<string>`t.schema_name`.as('schema_name'),
      sql<string>`t.table_name`.as('name'),
      sql<string>`'BASE TABLE'`.as('type'),
      sql<string | null>`t.comment`.as('comment'),
    ])
    .where(sql<boolean>`t.schema_name = ${schema}`)
    .where(databaseIs('t.database_name', database))
    .unionAll(
      builder
        .selectFrom(sql`duckdb_views()`.as('v'))
        .select([
          sql<string>`v.database_name`.as('database_name'),
          sql<string>`v.schema_name`.as('schema_name'),
          sql<string>`v.view_name`.as('name'),
          sql<string>`'VIEW'`.as('type'),
          sql<string | null>`v.comment`.as('comment'),
        ])
        .where(sql<boolean>`v.schema_name = ${schema}`)
        .where(databaseIs('v.database_name', database)),
    );
  return builder
    .with('relations', () => relations)
    .selectFrom('relations as r')
    .leftJoin(sql`duckdb_columns()`.as('c'), (join) =>
      join
        .on(sql<boolean>`c.database_name = r.database_name`)
        .on(sql<boolean>`c.schema_name = r.schema_name`)
        .on(sql<boolean>`c.table_name = r.name`),
    )
    .select([
      'r.database_name as table_database',
      'r.schema_name as table_schema',
      'r.name as table_name',
      'r.type as table_type',
      'r.comment as table_comment',
      sql<null>`cast(null as varchar)`.as('table_owner'),
      sql<string | null>`c.column_name`.as('column_name'),
      sql<number | null>`c.column_index`.as('column_index'),
      sql<string | null>`c.data_type`.as('column_type'),
      sql<string | null>`c.comment`.as('column_comment'),
    ])
    .orderBy('r.name')
    .orderBy(sql`c.column_index`)
    .compile();
}

/** DuckDB: information_schema for relations and columns, its catalog functions for `describeSchema`. */
export function duckdbIntrospector(runner: StatementRunner): Introspector {
  return {
    ...informationSchemaIntrospector(runner),
    async describeSchema(database, schema): Promise<CatalogRelation[]> {
      const q = duckdbCatalogQuery(database, schema);
      return catalogRelations(await runner.query<CatalogRow>(q.sql, q.parameters));
    },
  };
}
