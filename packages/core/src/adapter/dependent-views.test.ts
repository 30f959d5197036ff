import { describe, expect, it } from 'vitest';
import { planTable } from '../materializations/table';
import { parseAcl } from './dependent-views';
import type { Dialect } from './dialect';
import { duckdbDialect } from './dialects/duckdb';
import { postgresDialect } from './dialects/postgres';
import { redshiftDialect } from './dialects/redshift';

describe('parseAcl', () => {
  it('reads PUBLIC, quoted roles, Redshift groups and grant options, leaving out the owner', () => {
    expect(
      parseAcl(
        ['alice=arwdDxt/alice', '=r/alice', '"BI team"=r*w/alice', 'group analysts=r/alice'],
        'alice',
        's.v',
      ),
    ).toEqual([
      { grantee: 'PUBLIC', privileges: ['select'], grantable: false },
      { grantee: 'BI team', privileges: ['update'], grantable: false },
      { grantee: 'BI team', privileges: ['select'], grantable: true },
      { grantee: 'group analysts', privileges: ['select'], grantable: false },
    ]);
  });

  it('fails on a privilege it does not know rather than recreating a view with fewer grants', () => {
    expect(() => parseAcl(['bob=rZ/alice'], 'alice', 's.v')).toThrow(
      "unknown privilege 'Z' in the grant 'bob=rZ/alice' on view s.v",
    );
  });
});

describe('which engines keep dependent views themselves', () => {
  const node = {
    unique_id: 'model.shop.orders',
    relation: { schema: 'analytics', identifier: 'orders' },
    config: {
      enabled: true,
      materialized: 'table',
      tags: [],
      pre_hook: [],
      post_hook: [],
      meta: {},
    },
    sql: 'select 1 as id',
  };
  const replace = (dialect: Dialect) =>
    planTable({ node, existing: { kind: 'table' }, flags: { fullRefresh: false }, dialect });

  it('DuckDB views bind by name: one create or replace, nothing to keep', () => {
    for (const dialect of [duckdbDialect] as Dialect[]) {
      expect(dialect.dependentViews).toBeUndefined();
      const steps = replace(dialect);
      expect(steps.map((s) => s.kind)).toEqual(['create']);
      expect(steps[0]!.sql).toMatch(/^create or replace table /);
    }
  });

  it('PostgreSQL and Redshift mark the rename that detaches the old table', () => {
    for (const dialect of [postgresDialect, redshiftDialect]) {
      const keeping = replace(dialect).filter((s) => s.keepDependentsOf);
      expect(keeping.map((s) => s.label)).toEqual(['move old to backup']);
      expect(keeping[0]!.keepDependentsOf).toEqual(node.relation);
    }
    expect(postgresDialect.dependentViews.savepoints).toBe(true);
    expect(redshiftDialect.dependentViews.savepoints).toBe(false);
  });
});
