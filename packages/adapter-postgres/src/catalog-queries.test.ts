/**
 * The catalog queries of PostgreSQL and Redshift: golden SQL (parsed with PostgreSQL's own
 * grammar, Redshift's too: it descends from Postgres), then — with TSMODEL_PG_URL — the
 * PostgreSQL one read back from a real schema and checked against `getColumns`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'libpg-query';
import { describe, expect, it } from 'vitest';
import { postgresDialect, redshiftDialect } from '@tsmodel/core/adapter';
import { goldenFile, renderGolden } from '@tsmodel/core/testing';
import { createPostgresAdapter } from './postgres-adapter';
import { pgCatalogQuery } from './postgres-catalog';
import { redshiftCatalogQuery } from './redshift-catalog';
import { targetFromUrl } from './target-from-url';

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), '__golden__');
const url = process.env.TSMODEL_PG_URL;

async function statementTypes(sql: string): Promise<string[]> {
  return ((await parse(sql)).stmts ?? []).map((s) => Object.keys(s.stmt as object)[0]!);
}

describe('catalog queries (golden SQL)', () => {
  it.each([
    ['postgres', postgresDialect, pgCatalogQuery('analytics'), ['analytics']],
    [
      'redshift',
      redshiftDialect,
      redshiftCatalogQuery('warehouse', 'analytics'),
      ['warehouse', 'analytics', 'analytics', 'analytics', 'analytics', 'warehouse'],
    ],
  ] as const)('%s: one statement per schema', async (name, dialect, q, expected) => {
    const file = join(goldenDir, `${name}-catalog.sql`);
    const actual = renderGolden(
      [{ label: 'describe schema', kind: 'query', sql: q.sql, transactional: false }],
      dialect,
    );
    expect(actual).toBe(goldenFile(file, actual));
    expect(await statementTypes(q.sql)).toEqual(['SelectStmt']);
    expect(q.parameters).toEqual(expected);
  });

  it('redshift: the session database when the relation names none', () => {
    const q = redshiftCatalogQuery(undefined, 'analytics');
    expect(q.sql).toContain('select current_database()::text as table_database');
    expect(q.parameters).toEqual(['analytics', 'analytics', 'analytics', 'analytics']);
  });
});

describe.skipIf(!url)('describeSchema on PostgreSQL (TSMODEL_PG_URL)', () => {
  it('reads kinds, owners, comments and format_type types in one query, as getColumns spells them', async () => {
    const schema = `catalog_${process.pid}`;
    const target = targetFromUrl('postgres', url!, schema);
    const adapter = createPostgresAdapter(target, { projectRoot: '/p' });
    const conn = await adapter.connect();
    const q = (sql: string) => conn.execute(sql, { label: 'setup' });
    try {
      await q(`drop schema if exists ${schema} cascade`);
      await q(`create schema ${schema}`);
      await q(
        `create table ${schema}.orders (id integer, amount numeric(18,2), gone int, tags text[])`,
      );
      await q(`alter table ${schema}.orders drop column gone`);
      await q(`comment on table ${schema}.orders is 'one row per order'`);
      await q(`comment on column ${schema}.orders.amount is 'in euros'`);
      await q(`create view ${schema}.big as select id, amount from ${schema}.orders`);
      await q(`comment on column ${schema}.big.id is 'order id'`);
      await q(
        `create materialized view ${schema}.total as select sum(amount) as total from ${schema}.orders`,
      );
      await q(`create table ${schema}.nothing ()`);
      const introspector = adapter.introspector(conn);
      const described = await introspector.describeSchema(undefined, schema);
      const user = decodeURIComponent(new URL(url!).username);
      const database = decodeURIComponent(new URL(url!).pathname.slice(1));
      expect(described.map((r) => [r.name, r.kind, r.type, r.owner, r.comment])).toEqual([
        ['big', 'view', 'VIEW', user, null],
        ['nothing', 'table', 'BASE TABLE', user, null],
        ['orders', 'table', 'BASE TABLE', user, 'one row per order'],
        ['total', 'view', 'MATERIALIZED VIEW', user, null],
      ]);
      expect(described.every((r) => r.database === database && r.schema === schema)).toBe(true);
      expect(described[2]!.columns).toEqual([
        { name: 'id', dataType: 'integer', index: 1, comment: null },
        { name: 'amount', dataType: 'numeric(18,2)', index: 2, comment: 'in euros' },
        { name: 'tags', dataType: 'text[]', index: 4, comment: null },
      ]);
      expect(described[0]!.columns[0]).toEqual({
        name: 'id',
        dataType: 'integer',
        index: 1,
        comment: 'order id',
      });
      expect(described[1]!.columns).toEqual([]);
      for (const rel of described) {
        const columns = await introspector.getColumns({ schema, identifier: rel.name });
        expect(rel.columns.map(({ name, dataType }) => ({ name, dataType }))).toEqual(columns);
      }
      expect(await introspector.describeSchema(undefined, `${schema}_missing`)).toEqual([]);
    } finally {
      await q(`drop schema if exists ${schema} cascade`);
      await adapter.close();
    }
  });
});
