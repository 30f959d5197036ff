/**
 * Issue 9, item 3: rebuilding a relation on PostgreSQL keeps the views that depend on it —
 * including a user's views in another schema, views on views and materialized views — with their
 * grants and comments; a view that no longer fits rolls the whole swap back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgTestProject, type PgTestProject } from './pg-test-project';

const url = process.env.TSMODEL_PG_URL;

const ORDERS = (rows: number, amount = 'amount') =>
  `{{ config(materialized='table') }}\nselect g as id, g * 100 as ${amount} from generate_series(1, ${rows}) g`;

describe.skipIf(!url)('dependent views on PostgreSQL (TSMODEL_PG_URL)', () => {
  let p: PgTestProject;
  let analyst: string;

  beforeAll(async () => {
    p = pgTestProject(url!, 'deps', {
      'models/orders.sql': ORDERS(3),
      'models/orders_v.sql': "select id, amount from {{ ref('orders') }}",
      'models/events.sql':
        "{{ config(materialized='incremental') }}\nselect g as id from generate_series(1, 2) g",
    });
    // Sorts before the models' schema, so its view is the first one recreated.
    analyst = `analyst_deps_${process.pid}`;
    expect((await p.run('run')).code).toBe(0);
    // An analyst's objects beside tsmodel's, none of them managed by it.
    await p.sql(`create schema "${analyst}"`);
    await p.sql(
      `create view "${analyst}".big_orders as select id, amount from "${p.schema}".orders where amount > 100`,
    );
    await p.sql(
      `create view "${analyst}".big_count as select count(*) as n from "${analyst}".big_orders`,
    );
    await p.sql(
      `create materialized view "${analyst}".order_total as select sum(amount) as total from "${p.schema}".orders`,
    );
    await p.sql(`create index order_total_idx on "${analyst}".order_total (total)`);
    await p.sql(`create view "${analyst}".v_on_view as select id from "${p.schema}".orders_v`);
    await p.sql(`create view "${analyst}".on_events as select id from "${p.schema}".events`);
    await p.sql(`grant select on "${analyst}".big_orders to public`);
    await p.sql(`comment on view "${analyst}".big_orders is 'orders over 100'`);
  });

  afterAll(() => p?.cleanup([analyst]));

  const analystRows = async () => ({
    big: await p.sql(`select id from "${analyst}".big_orders order by id`),
    count: await p.sql(`select n::int from "${analyst}".big_count`),
    total: await p.sql(`select total::int from "${analyst}".order_total`),
    onView: await p.sql(`select count(*)::int as n from "${analyst}".v_on_view`),
  });

  it('a table rebuild recreates every dependent view, reading the new table, with grants and comments', async () => {
    p.write({ 'models/orders.sql': ORDERS(4) });
    const { code, output } = await p.run('run', '-s', 'orders');
    expect(output).toContain(`Rebuilt ${p.schema}.orders: kept`);
    expect(output).toContain(`${analyst}.big_orders`);
    expect(code).toBe(0);
    expect(await analystRows()).toEqual({
      big: [{ id: 2 }, { id: 3 }, { id: 4 }],
      count: [{ n: 3 }],
      total: [{ total: 1000 }],
      onView: [{ n: 4 }],
    });
    const [meta] = await p.sql<{ comment: string; public_select: boolean; indexes: string }>(
      `select obj_description('"${analyst}".big_orders'::regclass, 'pg_class') as comment,
              has_table_privilege('public', '"${analyst}".big_orders', 'select') as public_select,
              (select count(*)::text from pg_indexes where schemaname = $1 and tablename = 'order_total') as indexes`,
      [analyst],
    );
    expect(meta).toEqual({ comment: 'orders over 100', public_select: true, indexes: '1' });
  });

  it('a view model rebuilt keeps the views on it, and --full-refresh of an incremental keeps its dependents', async () => {
    const view = await p.run('run', '-s', 'orders_v');
    expect(view.code).toBe(0);
    expect(view.output).toContain(`Rebuilt ${p.schema}.orders_v: kept 1 dependent view`);
    const full = await p.run('run', '-s', 'events', '--full-refresh');
    expect(full.code).toBe(0);
    expect(full.output).toContain(`${analyst}.on_events`);
    expect(await p.sql(`select id from "${analyst}".on_events order by id`)).toEqual([
      { id: 1 },
      { id: 2 },
    ]);
  });

  it('a dependent that no longer fits rolls the rebuild back, naming the view and the column', async () => {
    p.write({ 'models/orders.sql': ORDERS(5, 'total') });
    const { code, output } = await p.run('run', '-s', 'orders');
    expect(code).toBe(1);
    expect(output).toMatch(
      new RegExp(
        `cannot keep view ${analyst}\\.big_orders, which depends on ${p.schema}\\.orders: column .*amount.* does not exist`,
      ),
    );
    expect(output).toContain('was rolled back');
    // The previous table and every view on it are intact.
    expect(await p.sql(`select count(*)::int as n from "${p.schema}".orders`)).toEqual([{ n: 4 }]);
    expect((await analystRows()).big).toEqual([{ id: 2 }, { id: 3 }, { id: 4 }]);
  });

  it('a model of the run whose old query no longer fits is left to its own node, which rebuilds it', async () => {
    for (const v of ['big_count', 'big_orders', 'v_on_view'])
      await p.sql(`drop view "${analyst}".${v}`);
    await p.sql(`drop materialized view "${analyst}".order_total`);
    p.write({
      'models/orders.sql': ORDERS(5, 'total'),
      'models/orders_v.sql': "select id, total from {{ ref('orders') }}",
    });
    const { code, output } = await p.run('run', '-s', 'orders+');
    expect(output).toContain(`dropped ${p.schema}.orders_v for its model to rebuild next`);
    expect(code).toBe(0);
    expect(await p.sql(`select sum(total)::int as s from "${p.schema}".orders_v`)).toEqual([
      { s: 1500 },
    ]);
  });
});
