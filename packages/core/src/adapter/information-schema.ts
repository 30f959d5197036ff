import type { CompiledQuery, Kysely } from 'kysely';
import type { RelationName } from '../manifest/types';
import type { StatementRunner } from './connection';
import { catalogRelations, type CatalogRow } from './catalog-rows';
import type { ColumnDef } from './dialect';
import type { CatalogRelation, Introspector, RelationInfo } from './introspector';

interface InformationSchema {
  'information_schema.tables': {
    table_catalog: string;
    table_schema: string;
    table_name: string;
    table_type: string;
  };
  'information_schema.columns': {
    table_catalog: string;
    table_schema: string;
    table_name: string;
    column_name: string;
    data_type: string;
    ordinal_position: number;
  };
}

/**
 * Kysely used as a query *builder* only: it compiles typed metadata queries to SQL with `$n`
 * parameters, and the adapter's own Connection runs them. We deliberately do not give Kysely a
 * driver: the Connection already serializes statements, wraps errors in AdapterError and
 * supports cancel, and a second execution path would bypass all three. Loaded on first use, so
 * `compile` and `ls` never pay for it.
 */
let builder:
  Promise<{ db: Kysely<InformationSchema>; sql: typeof import('kysely').sql }> | undefined;

function queryBuilder() {
  return (builder ??= import('kysely').then((k) => ({
    sql: k.sql,
    db: new k.Kysely<InformationSchema>({
      dialect: {
        createAdapter: () => new k.PostgresAdapter(),
        createDriver: () => new k.DummyDriver(),
        createIntrospector: (db) => new k.PostgresIntrospector(db),
        createQueryCompiler: () => new k.PostgresQueryCompiler(),
      },
    }),
  })));
}

/** The catalog filter: the given database, or the session's current one. */
function catalogIs(sql: typeof import('kysely').sql, database: string | undefined) {
  return database === undefined
    ? sql<boolean>`table_catalog = current_database()`
    : sql<boolean>`table_catalog = ${database}`;
}

export async function listRelationsQuery(
  database: string | undefined,
  schema: string,
): Promise<CompiledQuery> {
  const { db, sql } = await queryBuilder();
  return db
    .selectFrom('information_schema.tables')
    .select(['table_name', 'table_type'])
    .where('table_schema', '=', schema)
    .where(catalogIs(sql, database))
    .orderBy('table_name')
    .compile();
}

export async function columnsQuery(rel: RelationName): Promise<CompiledQuery> {
  const { db, sql } = await queryBuilder();
  return db
    .selectFrom('information_schema.columns')
    .select(['column_name', 'data_type'])
    .where('table_schema', '=', rel.schema)
    .where('table_name', '=', rel.identifier)
    .where(catalogIs(sql, rel.database))
    .orderBy('ordinal_position')
    .compile();
}

/**
 * The whole schema in one query: tables left-joined to their columns, so a relation without
 * columns is still listed. The standard views have no comments or owners: those are null.
 */
export async function describeSchemaQuery(
  database: string | undefined,
  schema: string,
): Promise<CompiledQuery> {
  const { db, sql } = await queryBuilder();
  return db
    .selectFrom('information_schema.tables as t')
    .leftJoin('information_schema.columns as c', (join) =>
      join
        .onRef('c.table_catalog', '=', 't.table_catalog')
        .onRef('c.table_schema', '=', 't.table_schema')
        .onRef('c.table_name', '=', 't.table_name'),
    )
    .select([
      't.table_catalog as table_database',
      't.table_schema as table_schema',
      't.table_name as table_name',
      't.table_type as table_type',
      sql<null>`null`.as('table_comment'),
      sql<null>`null`.as('table_owner'),
      'c.column_name as column_name',
      'c.ordinal_position as column_index',
      'c.data_type as column_type',
      sql<null>`null`.as('column_comment'),
    ])
    .where('t.table_schema', '=', schema)
    .where(
      database === undefined
        ? sql<boolean>`t.table_catalog = current_database()`
        : sql<boolean>`t.table_catalog = ${database}`,
    )
    .orderBy('t.table_name')
    .orderBy('c.ordinal_position')
    .compile();
}

/**
 * Introspection through the SQL-standard `information_schema`, which DuckDB, Postgres and
 * Redshift all expose: one query per schema for relations, one per relation for columns, one
 * per schema for the catalog.
 */
export function informationSchemaIntrospector(runner: StatementRunner): Introspector {
  return {
    async listRelations(database, schema): Promise<RelationInfo[]> {
      const q = await listRelationsQuery(database, schema);
      const rows = await runner.query<{ table_name: string; table_type: string }>(
        q.sql,
        q.parameters,
      );
      return rows.map((r) => ({
        name: r.table_name,
        kind: r.table_type === 'VIEW' ? 'view' : 'table',
      }));
    },
    async getColumns(rel): Promise<ColumnDef[]> {
      const q = await columnsQuery(rel);
      const rows = await runner.query<{ column_name: string; data_type: string }>(
        q.sql,
        q.parameters,
      );
      return rows.map((r) => ({ name: r.column_name, dataType: r.data_type }));
    },
    async describeSchema(database, schema): Promise<CatalogRelation[]> {
      const q = await describeSchemaQuery(database, schema);
      return catalogRelations(await runner.query<CatalogRow>(q.sql, q.parameters));
    },
  };
}
