import { describe, expect, it } from 'vitest';
import { duckdbDialect } from '../adapter/dialects/duckdb';
import { PostgresDialect } from '../adapter/dialects/postgres';
import type { Dialect } from '../adapter/dialect';
import { planSeed } from './seed';

const plan = (dialect: Dialect, empty: boolean, existing = false) =>
  planSeed({
    node: {
      unique_id: 'seed.shop.codes',
      relation: { schema: 'main', identifier: 'codes' },
      config: {
        enabled: true,
        materialized: 'seed',
        tags: [],
        pre_hook: [],
        post_hook: [],
        meta: {},
      },
      seedFile: '/nowhere/codes.csv',
    },
    ...(existing ? { existing: { kind: 'table' as const } } : {}),
    flags: { fullRefresh: false, empty },
    dialect,
    csvTable: { columns: ['id', 'price'], rows: [['1', '1.5']] },
  });

describe('seed --empty (dbt: the table with its types, and no rows)', () => {
  it('creates the typed table and inserts nothing where the client loads rows', () => {
    const steps = plan(new PostgresDialect(), true);
    expect(steps.map((s) => s.kind)).toEqual(['create']);
    expect(steps[0]!.sql).toContain('"price" float8');
    expect(plan(new PostgresDialect(), false).map((s) => s.kind)).toEqual(['create', 'insert']);
  });

  it('reads the file for its types but keeps none of it where the engine reads it', () => {
    const [create] = plan(duckdbDialect, true);
    expect(create!.sql).toMatch(/read_csv\([^]*\)\nlimit 0/);
    const reload = plan(duckdbDialect, true, true);
    expect(reload.map((s) => s.kind)).toEqual(['truncate', 'insert']);
    expect(reload[1]!.sql).toMatch(/limit 0$/);
  });
});
