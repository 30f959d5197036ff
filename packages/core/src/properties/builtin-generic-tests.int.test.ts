import { readFileSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import nunjucks from 'nunjucks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePropertiesFile } from './parse-properties-file';

/**
 * Proves the built-in test macros and the raw_code that calls them: rendered with a plain
 * nunjucks Environment and run on DuckDB, each test returns rows on bad data and none on good.
 */
const MACROS = readFileSync(
  new URL('../../include/macros/generic_tests.sql', import.meta.url),
  'utf8',
)
  .replace(/(\{%-?\s*)test(\s+)(\w+)/g, '$1macro$2test_$3')
  .replace(/(\{%-?\s*)endtest(\s*-?%\})/g, '$1endmacro$2');

const PROPERTIES = `
version: 2
sources:
  - name: raw
    tables:
      - name: payments
        columns:
          - name: order_id
            tests:
              - relationships: { to: ref('orders'), field: id }
models:
  - name: customers
    columns:
      - name: id
        tests: [unique]
  - name: orders
    columns:
      - name: id
        tests: [unique, not_null]
      - name: status
        tests:
          - accepted_values: { values: [placed, "it's"] }
      - name: priority
        tests:
          - accepted_values: { values: [1, 2], quote: false }
      - name: customer_id
        tests:
          - relationships: { to: ref('customers'), field: id, config: { where: "status <> 'test'" } }
`;

const SETUP = `
create schema good; create schema bad;
create table good.customers as select * from (values (1), (2)) t(id);
create table good.orders as select * from (values
  (1, 'placed', 1, 1), (2, 'it''s', 2, 2), (3, 'placed', null, 1)) t(id, status, customer_id, priority);
create table good.raw_payments as select * from (values (1), (3), (null)) t(order_id);
create table bad.customers as select * from (values (1), (1), (null), (null)) t(id);
create table bad.orders as select * from (values
  (1, 'placed', 1, 1), (1, 'lost', 9, 3), (null, 'placed', 1, 2), (4, 'test', 7, 1)) t(id, status, customer_id, priority);
create table bad.raw_payments as select * from (values (1), (5)) t(order_id);
`;

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(SETUP);
});
afterAll(() => connection.closeSync());

/** `ref('orders')` → `<schema>.orders`; `source('raw', 'payments')` → `<schema>.raw_payments`. */
function render(rawCode: string, schema: string): string {
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
  env.addGlobal('ref', (name: string) => `${schema}.${name}`);
  env.addGlobal('source', (source: string, table: string) => `${schema}.${source}_${table}`);
  return env.renderString(MACROS + rawCode, {});
}

async function failures(rawCode: string, schema: string): Promise<unknown[]> {
  const rows = (await connection.runAndReadAll(render(rawCode, schema))).getRowObjectsJS();
  return rows.sort((a, b) => String(Object.values(a)).localeCompare(String(Object.values(b))));
}

describe('built-in generic tests on DuckDB', () => {
  const { tests, problems } = parsePropertiesFile({
    packageName: 'shop',
    rootDir: 'models',
    path: 'models/schema.yml',
    text: PROPERTIES,
  });

  it('parse', () => {
    expect(problems).toEqual([]);
    expect(tests.map((t) => t.name)).toEqual([
      'source_relationships_raw_payments_order_id__id__ref_orders_',
      'unique_customers_id',
      'unique_orders_id',
      'not_null_orders_id',
      'accepted_values_orders_status__placed__it_s',
      'accepted_values_orders_priority__False__1__2',
      'relationships_orders_customer_id__id__ref_customers_',
    ]);
  });

  it('return no rows on good data', async () => {
    for (const test of tests) expect(await failures(test.raw_code, 'good'), test.name).toEqual([]);
  });

  it('return the failing rows on bad data', async () => {
    const results = Object.fromEntries(
      await Promise.all(
        tests.map(async (t) => [t.name, await failures(t.raw_code, 'bad')] as const),
      ),
    );
    expect(results).toEqual({
      source_relationships_raw_payments_order_id__id__ref_orders_: [{ from_field: 5 }],
      unique_customers_id: [{ unique_field: 1, n_records: 2n }],
      unique_orders_id: [{ unique_field: 1, n_records: 2n }],
      not_null_orders_id: [{ id: null }],
      accepted_values_orders_status__placed__it_s: [
        { value_field: 'lost', n_records: 1n },
        { value_field: 'test', n_records: 1n },
      ],
      accepted_values_orders_priority__False__1__2: [{ value_field: 3, n_records: 1n }],
      // customer 7 belongs to a 'test' order, which the `where` config filters out.
      relationships_orders_customer_id__id__ref_customers_: [{ from_field: 9 }],
    });
  });

  it('render dbt-shaped SQL', () => {
    const notNull = tests.find((t) => t.name === 'not_null_orders_id')!;
    expect(render(notNull.raw_code, 'bad').trim()).toBe(
      'select id\nfrom bad.orders\nwhere id is null',
    );
    const where = tests.find((t) => t.config.where)!;
    expect(render(where.raw_code, 'bad')).toContain(
      "from (select * from bad.orders where status <> 'test') dbt_subquery",
    );
  });
});
