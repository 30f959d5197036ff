import { describe, expect, it } from 'vitest';
import type { Dialect } from '../adapter/dialect';
import { PostgresDialect } from '../adapter/dialects/postgres';
import { RedshiftDialect } from '../adapter/dialects/redshift';
import type { NodeConfig } from '../manifest/types';
import { planSeed } from './seed';

function createSql(
  config: Partial<NodeConfig>,
  dialect: Dialect = new PostgresDialect(),
  columns = ['Id', 'Zip'],
): string {
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
      seedPath: 'seeds/codes.csv',
    },
    flags: { fullRefresh: false },
    dialect,
    csvTable: { columns, rows: [['1', '01234']] },
  });
  return steps.map((s) => s.sql).join('\n');
}

describe("seeds' quote_columns", () => {
  it("quotes header names by default, keeping their case (dbt's base adapter default)", () => {
    for (const dialect of [new PostgresDialect(), new RedshiftDialect()]) {
      const sql = createSql({ quote_columns: null, column_types: { Zip: 'varchar(5)' } }, dialect);
      expect(sql).toContain('"Id" integer');
      expect(sql).toContain('"Zip" varchar(5)');
      expect(sql).toContain('insert into "main"."codes" ("Id", "Zip")');
    }
  });

  it('folds header names like unquoted identifiers with quote_columns: false', () => {
    const sql = createSql({ quote_columns: false, column_types: { Zip: 'varchar(5)' } });
    expect(sql).toContain('"id" integer');
    expect(sql).toContain('"zip" varchar(5)');
    expect(sql).toContain('insert into "main"."codes" ("id", "zip")');
  });

  it("takes the dialect's default where it has one (Snowflake's is false)", () => {
    const folding = Object.assign(new PostgresDialect(), { seedQuoteColumns: false });
    expect(createSql({}, folding)).toContain('("id", "zip")');
    expect(createSql({ quote_columns: true }, folding)).toContain('("Id", "Zip")');
  });

  it('rejects a quote_columns that is not a boolean, naming the seed', () => {
    expect(() => createSql({ quote_columns: 'yes' })).toThrow(
      /quote_columns of seed\.shop\.codes must be true or false, got "yes"/,
    );
  });

  it('rejects a header name that is a syntax error unquoted, when quote_columns is false', () => {
    expect(() => createSql({ quote_columns: false }, undefined, ['id', 'zip|code'])).toThrow(
      /header column "zip\|code" is not a plain identifier, a syntax error unquoted/,
    );
    expect(createSql({ quote_columns: true }, undefined, ['id', 'zip|code'])).toContain(
      '("id", "zip|code")',
    );
  });

  it('takes a one-character delimiter only: an empty one is a compilation error', () => {
    expect(() => createSql({ delimiter: '' })).toThrow(
      /Compilation Error in seed.shop.codes \(seeds\/codes.csv\): delimiter must be one character, got ""/,
    );
  });
});
