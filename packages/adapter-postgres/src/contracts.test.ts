/**
 * Model contracts on PostgreSQL (TSMODEL_PG_URL): the project of the DuckDB tests
 * (contracts.int.test.ts), where every constraint type is enforced by the server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONTRACT_CHECK_VIOLATION,
  CONTRACT_FILES,
  CONTRACT_MISMATCH,
  CONTRACT_ORPHAN,
} from '@tsmodel/adapter-testkit';
import { pgTestProject, type PgTestProject } from './pg-test-project';

const url = process.env.TSMODEL_PG_URL;

describe.skipIf(!url)('model contracts on PostgreSQL (TSMODEL_PG_URL)', () => {
  let p: PgTestProject | undefined;
  afterEach(async () => {
    await p?.cleanup();
    p = undefined;
  });

  it('declare types and constraints, and refuse bad SQL or rows while keeping the table', async () => {
    p = pgTestProject(url!, 'contracts', CONTRACT_FILES);
    const built = await p.run('build');
    expect(built.code).toBe(0);
    const s = p.schema;
    expect(
      await p.sql(
        `select column_name, data_type, numeric_precision, is_nullable from information_schema.columns
         where table_schema = $1 and table_name = 'orders' order by ordinal_position`,
        [s],
      ),
    ).toEqual([
      { column_name: 'order_id', data_type: 'integer', numeric_precision: 32, is_nullable: 'NO' },
      {
        column_name: 'customer_id',
        data_type: 'integer',
        numeric_precision: 32,
        is_nullable: 'YES',
      },
      { column_name: 'amount', data_type: 'numeric', numeric_precision: 12, is_nullable: 'YES' },
    ]);
    const kinds = await p.sql<{ contype: string }>(
      `select contype from pg_constraint c join pg_class t on t.oid = c.conrelid
       join pg_namespace n on n.oid = t.relnamespace
       where n.nspname = $1 and t.relname in ('orders', 'customers') order by 1`,
      [s],
    );
    expect(kinds.map((k) => k.contype)).toEqual(['c', 'f', 'p', 'u', 'u']);
    // A named key survives a rebuild under its own name (PostgreSQL names its index after it).
    expect((await p.run('run', '-s', 'orders')).code).toBe(0);
    expect(
      await p.sql(
        `select conname from pg_constraint c join pg_namespace n on n.oid = c.connamespace
         where n.nspname = $1 and conname like 'orders_one%'`,
        [s],
      ),
    ).toEqual([{ conname: 'orders_one_per_customer' }]);

    p.write(CONTRACT_MISMATCH);
    const mismatch = await p.run('run', '-s', 'orders');
    expect(mismatch.code).toBe(1);
    expect(mismatch.output).toContain(
      '| order_id    | text            | int           | data type mismatch  |',
    );
    expect(mismatch.output).toContain(
      '| extra       | int4            |               | missing in contract |',
    );

    p.write(CONTRACT_CHECK_VIOLATION);
    const check = await p.run('run', '-s', 'orders');
    expect(check.code).toBe(1);
    expect(check.output).toContain('violates check constraint');

    p.write(CONTRACT_ORPHAN);
    const orphan = await p.run('run', '-s', 'orders');
    expect(orphan.code).toBe(1);
    expect(orphan.output).toContain('violates foreign key constraint');
    expect(await p.sql(`select order_id from "${s}".orders`)).toEqual([{ order_id: 10 }]);
  });
});
