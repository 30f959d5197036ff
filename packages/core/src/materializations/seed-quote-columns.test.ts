import { describe, expect, it } from 'vitest';
import { PostgresDialect } from '../adapter/dialects/postgres';
import type { NodeConfig } from '../manifest/types';
import { planSeed } from './seed';

function createSql(config: Partial<NodeConfig>): string {
  const steps = planSeed({
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
        ...config,
      },
      seedFile: '/nowhere/codes.csv',
    },
    flags: { fullRefresh: false },
    dialect: new PostgresDialect(),
    csvTable: { columns: ['Id', 'Zip'], rows: [['1', '01234']] },
  });
  return steps.map((s) => s.sql).join('\n');
}

describe("seeds' quote_columns", () => {
  it('folds header names like unquoted identifiers by default (dbt: quote_columns false)', () => {
    const sql = createSql({ column_types: { Zip: 'varchar(5)' } });
    expect(sql).toContain('"id" integer');
    expect(sql).toContain('"zip" varchar(5)');
    expect(sql).toContain('insert into "main"."codes" ("id", "zip")');
  });

  it('keeps header names exactly with quote_columns: true', () => {
    const sql = createSql({ quote_columns: true });
    expect(sql).toContain('"Id" integer');
    expect(sql).toContain('("Id", "Zip")');
  });
});
