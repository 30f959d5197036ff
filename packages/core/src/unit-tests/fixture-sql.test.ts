import { parse } from 'libpg-query';
import { describe, expect, it } from 'vitest';
import { duckdbDialect } from '../adapter/dialects/duckdb';
import { postgresDialect } from '../adapter/dialects/postgres';
import { TsmodelError } from '../diagnostics';
import {
  emptySubquery,
  expectedColumns,
  expectedSelect,
  fixtureSelect,
  sqlLiteral,
  unitTestSql,
} from './fixture-sql';

const ORDERS = [
  { name: 'id', dataType: 'integer' },
  { name: 'Amount', dataType: 'numeric(10,2)' },
  { name: 'note', dataType: 'text' },
];

describe('fixture rows as typed SQL', () => {
  it('casts every value to its column type and fills missing columns with typed nulls', () => {
    expect(
      fixtureSelect(
        [{ id: 1, amount: '2.50', note: "it's" }, { ID: 2 }],
        ORDERS,
        postgresDialect,
        "'orders'",
      ),
    ).toBe(
      [
        `select cast(1 as integer) as "id", cast('2.50' as numeric(10,2)) as "Amount", cast('it''s' as text) as "note"`,
        'union all',
        `select cast(2 as integer) as "id", cast(null as numeric(10,2)) as "Amount", cast(null as text) as "note"`,
      ].join('\n'),
    );
  });

  it('no rows: one typed row under limit 0, so the input keeps its columns', () => {
    expect(fixtureSelect([], ORDERS.slice(0, 1), duckdbDialect, "'orders'")).toBe(
      'select cast(null as integer) as "id"\nlimit 0',
    );
  });

  it("a column the relation does not have is dbt's error, naming the accepted columns", () => {
    const err = (() => {
      try {
        fixtureSelect([{ id: 1, amout: 2 }], ORDERS, duckdbDialect, "'orders'");
      } catch (e) {
        return e;
      }
    })() as TsmodelError;
    expect(err).toBeInstanceOf(TsmodelError);
    expect(err.message).toBe(
      "Invalid column name: 'amout' in unit test fixture for 'orders'. Accepted columns for 'orders' are: [id, Amount, note]",
    );
  });

  it('writes literals for what YAML gives: text, numbers, booleans, null, dates, lists', () => {
    expect(sqlLiteral(null, duckdbDialect)).toBe('null');
    expect(sqlLiteral(true, duckdbDialect)).toBe('true');
    expect(sqlLiteral(1.5, duckdbDialect)).toBe('1.5');
    expect(sqlLiteral(12n, duckdbDialect)).toBe('12');
    expect(sqlLiteral(new Date('2024-01-02T00:00:00Z'), duckdbDialect)).toBe(
      "'2024-01-02T00:00:00.000Z'",
    );
    expect(sqlLiteral([1, 'a'], duckdbDialect)).toBe(`'[1,"a"]'`);
  });
});

describe('expected rows', () => {
  it('compares the columns the expected rows name, in the model spelling', () => {
    expect(expectedColumns([{ amount: 1 }, { ID: 2, amount: 3 }], ORDERS)).toEqual([
      ORDERS[1],
      ORDERS[0],
    ]);
    expect(expectedColumns([], ORDERS)).toEqual(ORDERS);
    expect(() => expectedColumns([{ total: 1 }], ORDERS)).toThrow(
      "Invalid column name: 'total' in unit test fixture for expected output.",
    );
  });

  it('no expected rows: the actual rows under limit 0', () => {
    expect(expectedSelect([], ORDERS, duckdbDialect)).toBe(
      'select * from dbt_internal_unit_test_actual\nlimit 0',
    );
  });
});

describe('the comparison query', () => {
  const actual = 'with x as (select 1 as id) select id, 2.5 as "Amount" from x -- trailing comment';
  const expected = expectedSelect([{ id: 1, amount: 2.5 }], ORDERS.slice(0, 2), postgresDialect);
  const sql = unitTestSql(actual, expected, ['id', 'Amount'], postgresDialect);

  it("tags both sides in one result, as dbt's get_unit_test_sql", () => {
    expect(sql).toContain(`select "id", "Amount", 'actual' as "actual_or_expected"`);
    expect(sql).toContain(`select "id", "Amount", 'expected' as "actual_or_expected"`);
    expect(sql).toContain(
      'select * from dbt_internal_unit_test_actual\nunion all\nselect * from dbt_internal_unit_test_expected',
    );
  });

  it('parses with the PostgreSQL grammar, a trailing comment in the model included', async () => {
    expect((await parse(sql)).stmts).toHaveLength(1);
    expect((await parse(emptySubquery(actual))).stmts).toHaveLength(1);
    const fixtures = fixtureSelect([{ id: 1 }], ORDERS, postgresDialect, "'o'");
    expect((await parse(fixtures)).stmts).toHaveLength(1);
  });
});
