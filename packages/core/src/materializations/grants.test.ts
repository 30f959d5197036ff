import { describe, expect, it } from 'vitest';
import { PostgresDialect } from '../adapter/dialects/postgres';
import { DuckDBDialect } from '../adapter/dialects/duckdb';
import { grantDiffStatements, grantsConfig, withGrants } from './grants';
import { step } from './step';

const pg = new PostgresDialect();
const relation = { database: 'db', schema: 'analytics', identifier: 'orders' };
const node = (grants: unknown) => ({
  unique_id: 'model.shop.orders',
  relation,
  config: {
    enabled: true,
    materialized: 'table',
    tags: [],
    pre_hook: [],
    post_hook: [],
    meta: {},
    grants,
  },
});
const swap = [
  step('create', 'create tmp', 'create table t as select 1', true),
  step('rename', 'swap', 'alter table t rename to orders', true),
  step('drop', 'drop backup', 'drop table b', false),
];

describe('grantsConfig', () => {
  it("reads privileges to grantee lists; a string is one grantee; '+privilege' adds to the parent's", () => {
    expect(grantsConfig(undefined, 'n')).toEqual({});
    expect(grantsConfig({ select: 'bi' }, 'n')).toEqual({ select: ['bi'] });
    // mergeConfigs leaves the parent's select beside the child's `+select`.
    expect(grantsConfig({ '+select': ['b'], select: ['a'], insert: [] }, 'n')).toEqual({
      select: ['a', 'b'],
      insert: [],
    });
  });

  it('refuses anything else, naming the node', () => {
    expect(() => grantsConfig(['bi'], 'model.shop.x')).toThrow(
      /grants of model.shop.x must be a mapping/,
    );
    expect(() => grantsConfig({ select: [1] }, 'model.shop.x')).toThrow(
      "grants of model.shop.x has 'select' set to [1], which is not a list of grantee names",
    );
  });
});

describe('withGrants', () => {
  it('grants a relation built anew inside the swap transaction, before the backup is dropped', () => {
    const steps = withGrants(swap, node({ select: ['bi', 'ops'] }), 'table', pg, false);
    expect(steps.map((s) => [s.kind, s.sql, s.transactional])).toEqual([
      ['create', 'create table t as select 1', true],
      ['rename', 'alter table t rename to orders', true],
      ['grant', 'grant select on "db"."analytics"."orders" to bi, ops', true],
      ['drop', 'drop table b', false],
    ]);
  });

  it("asks the runner to diff a kept relation's grants, and changes nothing without grants", () => {
    const [, , diff] = withGrants(swap, node({ select: ['bi'] }), 'table', pg, true);
    expect(diff!.grants).toEqual({ relation, wanted: { select: ['bi'] } });
    expect(diff!.sql).toContain('from information_schema.role_table_grants');
    expect(withGrants(swap, node({}), 'table', pg, true)).toBe(swap);
    expect(withGrants(swap, node({ select: ['bi'] }), 'table', new DuckDBDialect(), false)).toBe(
      swap,
    );
  });
});

describe('grantDiffStatements', () => {
  it('revokes what the config does not name, grants what is missing, without case', () => {
    const statements = grantDiffStatements(
      pg.grants!,
      { relation, wanted: { select: ['BI', 'ops'] } },
      [
        { grantee: 'bi', privilege: 'SELECT' },
        { grantee: 'old', privilege: 'SELECT' },
        { grantee: 'bi', privilege: 'INSERT' },
      ],
    );
    expect(statements).toEqual([
      'revoke select on "db"."analytics"."orders" from old',
      'revoke insert on "db"."analytics"."orders" from bi',
      'grant select on "db"."analytics"."orders" to ops',
    ]);
    expect(
      grantDiffStatements(pg.grants!, { relation, wanted: { select: ['bi'] } }, [
        { grantee: 'bi', privilege: 'SELECT' },
      ]),
    ).toEqual([]);
  });
});
