import { describe, expect, it } from 'vitest';
import type { ManifestNode } from '../manifest/types';
import { SqlFinalizer, injectCtes } from './sql-finalizer';
import { MARK, encodeKey } from '../templating/relation-placeholder';

const CTE = ['__dbt__cte__e as (\nselect 1 as id\n)'];

describe('injectCtes', () => {
  it('joins the leading with of the model, after whitespace and comments', () => {
    expect(injectCtes('\n\nwith x as (select 1)\nselect * from x', CTE)).toBe(
      '\n\nwith __dbt__cte__e as (\nselect 1 as id\n),\nx as (select 1)\nselect * from x',
    );
    expect(injectCtes('-- a\n/* b\n */  WITH RECURSIVE r(n) as (select 1) select 1', CTE)).toBe(
      '-- a\n/* b\n */  WITH RECURSIVE __dbt__cte__e as (\nselect 1 as id\n),\nr(n) as (select 1) select 1',
    );
  });

  it('opens a with where the model has none, ahead of its leading comments (as dbt)', () => {
    expect(injectCtes('\n-- c\nselect * from __dbt__cte__e', CTE)).toBe(
      'with __dbt__cte__e as (\nselect 1 as id\n)\n\n-- c\nselect * from __dbt__cte__e',
    );
    expect(injectCtes('select 1 as with_x', CTE)).toBe(
      'with __dbt__cte__e as (\nselect 1 as id\n)\nselect 1 as with_x',
    );
    expect(injectCtes('withdrawals', CTE)).toBe(
      'with __dbt__cte__e as (\nselect 1 as id\n)\nwithdrawals',
    );
  });
});

const ref = (name: string) =>
  `${MARK}${encodeKey({ kind: 'ref', caller: 'model.p.m', name })}${MARK}`;

const node = (name: string, materialized: string): ManifestNode =>
  ({
    unique_id: `model.p.${name}`,
    resource_type: 'model',
    name,
    config: { materialized },
    relation: { schema: 'main', identifier: name },
  }) as unknown as ManifestNode;

describe("SqlFinalizer under --empty (dbt's render_limited)", () => {
  const table = node('orders', 'table');
  const eph = node('eph', 'ephemeral');
  const model = node('m', 'view');
  const nodes = new Map([table, eph, model].map((n) => [n.unique_id, n]));
  const sql = `select * from ${ref('orders')} as o union all select * from ${ref('eph')}`;
  const finalizer = (alias: boolean) =>
    new SqlFinalizer(
      nodes,
      new Map([
        [model.unique_id, sql],
        [eph.unique_id, 'select 1 as id'],
      ]),
      (_caller, key) => (key.kind === 'ref' ? nodes.get(`model.p.${key.name}`) : undefined),
      (rel) => `${rel.schema}.${rel.identifier}`,
      true,
      alias,
    );

  it('leaves the zero-row subqueries bare where the engine needs no alias, ephemerals too', () => {
    expect(finalizer(false).finalize(model)).toBe(
      'with __dbt__cte__eph as (\nselect 1 as id\n)\nselect * from (select * from main.orders where false limit 0) as o union all select * from (select * from __dbt__cte__eph where false limit 0)',
    );
  });

  it('names them _dbt_limit_subq_<table> where a subquery needs an alias', () => {
    expect(finalizer(true).finalize(model)).toContain(
      '(select * from main.orders where false limit 0) _dbt_limit_subq_orders as o',
    );
    expect(finalizer(true).finalize(model)).toContain(
      '(select * from __dbt__cte__eph where false limit 0) _dbt_limit_subq___dbt__cte__eph',
    );
  });
});

describe('database parts', () => {
  it('a relation without a database prints no database and no dot after it', () => {
    const bare = node('orders', 'table');
    const inDb = {
      ...node('people', 'table'),
      relation: { database: 'wh', schema: 'main', identifier: 'people' },
    } as ManifestNode;
    const model = node('m', 'view');
    const part = (name: string) =>
      `${MARK}${encodeKey({ kind: 'ref', caller: 'model.p.m', name })}#database${MARK}`;
    const nodes = new Map([bare, inDb, model].map((n) => [n.unique_id, n]));
    const finalizer = new SqlFinalizer(
      nodes,
      new Map([
        [
          model.unique_id,
          `from ${part('orders')}.INFORMATION_SCHEMA.columns, ${part('people')}.INFORMATION_SCHEMA.columns`,
        ],
      ]),
      (_caller, key) => (key.kind === 'ref' ? nodes.get(`model.p.${key.name}`) : undefined),
      (rel) => `${rel.schema}.${rel.identifier}`,
    );
    expect(finalizer.finalize(model)).toBe(
      'from INFORMATION_SCHEMA.columns, wh.INFORMATION_SCHEMA.columns',
    );
  });
});
