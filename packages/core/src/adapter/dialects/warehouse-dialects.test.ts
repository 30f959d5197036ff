import { describe, expect, it } from 'vitest';
import { duckdbDialect } from './duckdb';
import { PostgresDialect, postgresDialect, POSTGRES_MERGE_VERSION } from './postgres';
import { RedshiftDialect, redshiftDialect } from './redshift';

const target = { database: 'db', schema: 'analytics', identifier: 'orders' };
const source = { database: 'db', schema: 'analytics', identifier: 'orders__tsmodel_tmp' };

describe('PostgresDialect', () => {
  it('has MERGE only from PostgreSQL 15', () => {
    const dialect = new PostgresDialect();
    dialect.adoptServerVersion(140011);
    expect(dialect.capabilities.merge).toBe(false);
    dialect.adoptServerVersion(POSTGRES_MERGE_VERSION);
    expect(dialect.capabilities.merge).toBe(true);
  });

  it('creates schemas without the database part, which Postgres rejects', () => {
    expect(postgresDialect.createSchemaIfNotExists(target)).toBe(
      'create schema if not exists "analytics"',
    );
  });

  it('drops with cascade so views bound to a swapped-out table do not block the drop', () => {
    expect(postgresDialect.dropRelation('table', target, true)).toBe(
      'drop table if exists "db"."analytics"."orders" cascade',
    );
  });
});

describe('RedshiftDialect', () => {
  it('descends from postgres and keeps its merge whatever the version number', () => {
    expect(redshiftDialect.parentType).toBe('postgres');
    const redshift = new RedshiftDialect();
    redshift.adoptServerVersion();
    expect(redshift.capabilities.merge).toBe(true);
    expect(redshiftDialect.capabilities.maxIdentifierLength).toBe(127);
  });

  it('rewrites DBT_INTERNAL_DEST in predicates to the unaliased target', () => {
    const sql = redshiftDialect.merge({
      target,
      source,
      columns: ['id'],
      uniqueKey: ['id'],
      predicates: ['dbt_internal_dest.id > 0'],
    });
    expect(sql).toContain('and ("db"."analytics"."orders".id > 0)');
    expect(sql).not.toMatch(/DBT_INTERNAL_DEST/i);
    // Only key columns: Redshift still needs a `when matched` clause.
    expect(sql).toContain('when matched then update set "id" = DBT_INTERNAL_SOURCE."id"');
  });

  it('escapes backslashes in string literals and sizes seed text columns', () => {
    expect(redshiftDialect.quoteString("a\\b'c")).toBe("'a\\\\b''c'");
    expect(redshiftDialect.seedColumnType({ name: 'x', kind: 'text', maxBytes: 0 })).toBe(
      'varchar(64)',
    );
    expect(redshiftDialect.seedColumnType({ name: 'x', kind: 'text', maxBytes: 9 })).toBe(
      'varchar(9)',
    );
  });
});

describe('SqlDialect quoting', () => {
  it('escapes quotes in identifiers and strings, and skips a missing database', () => {
    expect(duckdbDialect.renderRelation({ schema: 'a"b', identifier: 't' })).toBe('"a""b"."t"');
    expect(duckdbDialect.quoteString("it's")).toBe("'it''s'");
  });
});
