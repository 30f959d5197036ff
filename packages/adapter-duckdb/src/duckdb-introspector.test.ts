import { describe, expect, it } from 'vitest';
import { createDuckDBAdapter } from './duckdb-adapter';

const target = {
  type: 'duckdb',
  name: 'dev',
  profile_name: 'p',
  schema: 'main',
  threads: 1,
};

describe('duckdb describeSchema', () => {
  it('reads a schema in one query: kinds, comments, 1-based indexes, types as getColumns spells them', async () => {
    const adapter = createDuckDBAdapter(target, { projectRoot: '/p' });
    try {
      const conn = await adapter.connect();
      await conn.execute(
        `create schema s;
        create table s.orders (id integer, amount decimal(18,2), tags varchar[], placed timestamp);
        comment on table s.orders is 'one row per order';
        comment on column s.orders.amount is 'in euros';
        create view s.big as select id, amount from s.orders where amount > 100;
        comment on view s.big is 'large orders';
        comment on column s.big.id is 'order id';
        create schema other;
        create table other.orders (x integer);`,
        { label: 'setup' },
      );
      const introspector = adapter.introspector(conn);
      const described = await introspector.describeSchema(undefined, 's');
      expect(described).toEqual([
        {
          database: 'memory',
          schema: 's',
          name: 'big',
          kind: 'view',
          type: 'VIEW',
          owner: null,
          comment: 'large orders',
          columns: [
            { name: 'id', dataType: 'INTEGER', index: 1, comment: 'order id' },
            { name: 'amount', dataType: 'DECIMAL(18,2)', index: 2, comment: null },
          ],
        },
        {
          database: 'memory',
          schema: 's',
          name: 'orders',
          kind: 'table',
          type: 'BASE TABLE',
          owner: null,
          comment: 'one row per order',
          columns: [
            { name: 'id', dataType: 'INTEGER', index: 1, comment: null },
            { name: 'amount', dataType: 'DECIMAL(18,2)', index: 2, comment: 'in euros' },
            { name: 'tags', dataType: 'VARCHAR[]', index: 3, comment: null },
            { name: 'placed', dataType: 'TIMESTAMP', index: 4, comment: null },
          ],
        },
      ]);
      for (const rel of described) {
        const columns = await introspector.getColumns({ schema: 's', identifier: rel.name });
        expect(rel.columns.map(({ name, dataType }) => ({ name, dataType }))).toEqual(columns);
      }
      expect(await introspector.describeSchema('memory', 'other')).toMatchObject([
        { name: 'orders', columns: [{ name: 'x', index: 1 }] },
      ]);
      expect(await introspector.describeSchema(undefined, 'missing')).toEqual([]);
      expect(await introspector.describeSchema('elsewhere', 's')).toEqual([]);
    } finally {
      await adapter.close();
    }
  });
});
