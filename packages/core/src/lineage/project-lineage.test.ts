import { describe, expect, it } from 'vitest';
import { lineageOfModel, lineageOfProject, type TestParent } from './lineage-test-project';

const ORDERS = 'model.p.orders';
const CUSTOMERS = 'seed.p.customers';
const col = (node: string, column: string) => ({ node, column });

/** The same two parents, named as each dialect's compiled SQL names relations. */
const DIALECTS = [
  {
    dialect: 'postgres',
    orders: '"analytics"."orders"',
    ordersShown: '"analytics"."orders"',
    customers: '"analytics"."customers"',
    parents: (columns = true): TestParent[] => [
      {
        id: ORDERS,
        relation: 'analytics.orders',
        ...(columns ? { columns: ['id', 'customer_id', 'amount', 'status', 'ordered_at'] } : {}),
      },
      { id: CUSTOMERS, relation: 'analytics.customers', columns: ['id', 'name', 'country'] },
    ],
  },
  {
    dialect: 'snowflake',
    orders: 'ANALYTICS_DB.ANALYTICS.ORDERS',
    ordersShown: '"ANALYTICS_DB"."ANALYTICS"."ORDERS"',
    customers: 'analytics_db.analytics.customers',
    // Snowflake's catalog stores unquoted names upper-cased.
    parents: (columns = true): TestParent[] => [
      {
        id: ORDERS,
        relation: 'ANALYTICS_DB.ANALYTICS.ORDERS',
        ...(columns ? { columns: ['ID', 'CUSTOMER_ID', 'AMOUNT', 'STATUS', 'ORDERED_AT'] } : {}),
      },
      {
        id: CUSTOMERS,
        relation: 'ANALYTICS_DB.ANALYTICS.CUSTOMERS',
        columns: ['ID', 'NAME', 'COUNTRY'],
      },
    ],
  },
];

describe.each(DIALECTS)(
  'column lineage ($dialect)',
  ({ dialect, orders, ordersShown, customers, parents }) => {
    const ref = (node: string, column: string) =>
      col(node, dialect === 'snowflake' ? column.toUpperCase() : column);
    const lineage = (sql: string, withColumns = true) =>
      lineageOfModel(sql, dialect, parents(withColumns));

    it('passthrough, rename, transformation and aggregation', async () => {
      const l = await lineage(
        `select customer_id, id as order_id, amount * 100 as cents, sum(amount) as total, count(*) as n from ${orders} group by 1, 2, 3`,
      );
      expect(l.columns.customer_id).toEqual({
        upstream: [ref(ORDERS, 'customer_id')],
        how: 'passthrough',
      });
      expect(l.columns.order_id).toEqual({ upstream: [ref(ORDERS, 'id')], how: 'rename' });
      expect(l.columns.cents).toEqual({ upstream: [ref(ORDERS, 'amount')], how: 'transformation' });
      expect(l.columns.total).toEqual({ upstream: [ref(ORDERS, 'amount')], how: 'aggregation' });
      expect(l.columns.n).toEqual({ upstream: [], how: 'aggregation' });
    });

    it('resolves through CTEs, select * and t.* (expanded from known columns)', async () => {
      const l = await lineage(`
      with o as (select * from ${orders}),
           renamed as (select o.*, o.id as order_id from o)
      select renamed.* from renamed`);
      expect(Object.keys(l.columns).map((c) => c.toLowerCase())).toEqual([
        'id',
        'customer_id',
        'amount',
        'status',
        'ordered_at',
        'order_id',
      ]);
      expect(l.columns.order_id).toEqual({ upstream: [ref(ORDERS, 'id')], how: 'rename' });
    });

    it('joins with aliases, subqueries with column aliases, and filters from WHERE/JOIN/HAVING', async () => {
      const l = await lineage(`
      select c.name as customer, s.spent
      from (select customer_id as cid, sum(amount) as spent from ${orders} where status = 'paid' group by 1) as s (k, spent)
      join ${customers} as c on c.id = s.k
      where c.country <> 'XX'
      group by 1, 2
      having count(*) > 1`);
      expect(l.columns.customer).toEqual({ upstream: [ref(CUSTOMERS, 'name')], how: 'rename' });
      expect(l.columns.spent).toEqual({ upstream: [ref(ORDERS, 'amount')], how: 'aggregation' });
      expect(l.filters).toEqual([
        ref(ORDERS, 'status'),
        ref(CUSTOMERS, 'id'),
        ref(ORDERS, 'customer_id'),
        ref(CUSTOMERS, 'country'),
      ]);
    });

    it('unions match columns by position, named by the first branch', async () => {
      const l = await lineage(
        `select id, amount from ${orders} union all select id as x, 0 as y from ${customers}`,
      );
      expect(l.columns.id).toEqual({
        upstream: [ref(ORDERS, 'id'), ref(CUSTOMERS, 'id')],
        how: 'passthrough',
      });
      expect(l.columns.amount).toEqual({
        upstream: [ref(ORDERS, 'amount')],
        how: 'transformation',
      });
    });

    it('window functions, case expressions and casts are transformations', async () => {
      const l = await lineage(`
      select
        row_number() over (partition by customer_id order by ordered_at) as n,
        sum(amount) over (partition by customer_id) as running,
        case when status = 'paid' then amount else 0 end as paid,
        cast(id as varchar) as id_text,
        amount::int as whole
      from ${orders}`);
      expect(l.columns.n).toEqual({
        upstream: [ref(ORDERS, 'customer_id'), ref(ORDERS, 'ordered_at')],
        how: 'transformation',
      });
      expect(l.columns.running).toEqual({
        upstream: [ref(ORDERS, 'amount'), ref(ORDERS, 'customer_id')],
        how: 'transformation',
      });
      expect(l.columns.paid).toEqual({
        upstream: [ref(ORDERS, 'status'), ref(ORDERS, 'amount')],
        how: 'transformation',
      });
      expect(l.columns.id_text).toEqual({ upstream: [ref(ORDERS, 'id')], how: 'transformation' });
      expect(l.columns.whole).toEqual({ upstream: [ref(ORDERS, 'amount')], how: 'transformation' });
    });

    it('select * over a relation without known columns is unresolved, never guessed; named columns still trace', async () => {
      const l = await lineage(
        `with o as (select *, 1 as one from ${orders}) select *, amount + 1 as more from o`,
        false,
      );
      expect(l.columns['*']).toEqual({
        upstream: [{ node: ORDERS, column: '*' }],
        how: 'passthrough',
        unresolved: `select * from ${ordersShown} without known columns`,
      });
      expect(l.columns.one).toEqual({ upstream: [], how: 'transformation' });
      expect(l.columns.more).toEqual({ upstream: [col(ORDERS, 'amount')], how: 'transformation' });
    });

    it('a name two unlisted stars could hold is unresolved', async () => {
      const l = await lineageOfModel(`select amount from ${orders} as a, ${orders} as b`, dialect, [
        { id: ORDERS, relation: parents()[0]!.relation },
      ]);
      expect(l.columns.amount).toEqual({
        upstream: [],
        how: 'passthrough',
        unresolved: 'column amount could come from any of a, b, whose columns are not known',
      });
    });

    it('a relation that is no node of the project is unresolved', async () => {
      const l = await lineage(`select x.v from raw.events as x`);
      expect(l.columns.v).toEqual({
        upstream: [],
        how: 'passthrough',
        unresolved: 'column v of raw.events, which is no node of the project',
      });
    });
  },
);

describe('dialect spellings', () => {
  const snowflake: TestParent[] = [
    { id: ORDERS, relation: 'DB.S.ORDERS', columns: ['ID', 'PAYLOAD', 'AMOUNT', 'STATUS'] },
  ];

  it('Snowflake: iff, variant paths with ::, qualify', async () => {
    const l = await lineageOfModel(
      `select id, iff(amount > 0, amount, 0) as positive, payload:customer.name::string as customer_name
       from db.s.orders qualify row_number() over (partition by id order by status) = 1`,
      'snowflake',
      snowflake,
    );
    expect(l.columns.id).toEqual({ upstream: [col(ORDERS, 'ID')], how: 'passthrough' });
    expect(l.columns.positive).toEqual({
      upstream: [col(ORDERS, 'AMOUNT')],
      how: 'transformation',
    });
    expect(l.columns.customer_name).toEqual({
      upstream: [col(ORDERS, 'PAYLOAD')],
      how: 'transformation',
    });
    expect(l.filters).toEqual([col(ORDERS, 'ID'), col(ORDERS, 'STATUS')]);
  });

  it('DuckDB: three-part relations, list indexing, star exclude, lambdas', async () => {
    const l = await lineageOfModel(
      `select * exclude (payload), string_split(status, '/')[1] as head, list_transform(payload, x -> x + amount) as shifted
       from "db"."s"."orders"`,
      'duckdb',
      [{ id: ORDERS, relation: 'db.s.orders', columns: ['id', 'payload', 'amount', 'status'] }],
    );
    expect(Object.keys(l.columns)).toEqual(['id', 'amount', 'status', 'head', 'shifted']);
    expect(l.columns.head).toEqual({ upstream: [col(ORDERS, 'status')], how: 'transformation' });
    expect(l.columns.shifted).toEqual({
      upstream: [col(ORDERS, 'payload'), col(ORDERS, 'amount')],
      how: 'transformation',
    });
  });

  it('Redshift: listagg within group is an aggregation', async () => {
    const l = await lineageOfModel(
      `select listagg(status, ',') within group (order by id) as statuses from "s"."orders"`,
      'redshift',
      [{ id: ORDERS, relation: 's.orders', columns: ['id', 'status'] }],
    );
    expect(l.columns.statuses).toEqual({
      upstream: [col(ORDERS, 'status'), col(ORDERS, 'id')],
      how: 'aggregation',
    });
  });
});

describe('across models', () => {
  it('an ephemeral model inlined as __dbt__cte__ maps back to the ephemeral model', async () => {
    const ephemeral = 'model.p.eph';
    const l = await lineageOfProject(
      `with __dbt__cte__eph as (select id as order_id from "s"."orders") select order_id from __dbt__cte__eph`,
      'postgres',
      [
        { id: ORDERS, relation: 's.orders', columns: ['id'] },
        {
          id: ephemeral,
          relation: 's.eph',
          materialized: 'ephemeral',
          sql: 'select id as order_id from "s"."orders"',
        },
      ],
    );
    expect(l[ephemeral]!.columns.order_id).toEqual({
      upstream: [col(ORDERS, 'id')],
      how: 'rename',
    });
    expect(l['model.p.m']!.columns.order_id).toEqual({
      upstream: [col(ephemeral, 'order_id')],
      how: 'passthrough',
    });
  });

  it("a parent model's select * without known columns gets the columns its children read", async () => {
    const parent = 'model.p.stg';
    const l = await lineageOfProject(`select amount from "s"."stg"`, 'postgres', [
      { id: 'source.p.raw.orders', relation: 'raw.orders', resourceType: 'source' },
      { id: parent, relation: 's.stg', sql: 'select * from "raw"."orders"' },
    ]);
    expect(l['model.p.m']!.columns.amount).toEqual({
      upstream: [col(parent, 'amount')],
      how: 'passthrough',
    });
    expect(l[parent]!.columns.amount).toEqual({
      upstream: [col('source.p.raw.orders', 'amount')],
      how: 'passthrough',
    });
    expect(l[parent]!.columns['*']!.unresolved).toBe(
      'select * from "raw"."orders" without known columns',
    );
  });

  it('SQL that does not parse is unresolved as a whole', async () => {
    const l = await lineageOfModel('select from where', 'postgres', []);
    expect(Object.keys(l.columns)).toEqual(['*']);
    expect(l.columns['*']!.unresolved).toMatch(/^the compiled SQL did not parse as postgres: /);
  });
});
