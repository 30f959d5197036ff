import { describe, expect, it } from 'vitest';
import { PostgresDialect } from '../adapter/dialects/postgres';
import type { NodeConfig } from '../manifest/types';
import { planSeed } from './seed';

function createSql(config: Partial<NodeConfig>, columns = ['Id', 'Zip']): string {
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
    csvTable: { columns, rows: [['1', '01234']] },
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

  it('rejects a header name that is a syntax error unquoted, unless quote_columns is true', () => {
    expect(() => createSql({}, ['id', 'zip|code'])).toThrow(
      /header column "zip\|code" is not a plain identifier, a syntax error unquoted/,
    );
    expect(createSql({ quote_columns: true }, ['id', 'zip|code'])).toContain('("id", "zip|code")');
  });

  it('takes a one-character delimiter only: an empty one is a compilation error', () => {
    expect(() => createSql({ delimiter: '' })).toThrow(
      /Compilation Error in seed.shop.codes \(\/nowhere\/codes.csv\): delimiter must be one character, got ""/,
    );
  });
});
