/**
 * Model contracts end to end on DuckDB: checked before anything is built, tables declared with
 * their constraints, and a failed contract or constraint leaving the previous table in place.
 * The same project runs on PostgreSQL (packages/adapter-postgres/src/contracts.test.ts).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONTRACT_CHECK_VIOLATION,
  CONTRACT_FILES,
  CONTRACT_MISMATCH,
  CONTRACT_ORPHAN,
} from '@tsmodel/adapter-testkit';
import { testProject } from './run-fixtures';

describe('model contracts', () => {
  it('build contracted tables with their declared types and constraints, and check a view', async () => {
    const p = testProject(CONTRACT_FILES);
    const built = await p.run('build');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const columns = await p.query(
      "select column_name, data_type, is_nullable from information_schema.columns where table_name = 'orders' order by ordinal_position",
    );
    expect(columns).toEqual([
      { column_name: 'order_id', data_type: 'INTEGER', is_nullable: 'NO' },
      { column_name: 'customer_id', data_type: 'INTEGER', is_nullable: 'YES' },
      { column_name: 'amount', data_type: 'DECIMAL(12,2)', is_nullable: 'YES' },
    ]);
    const constraints = await p.query(
      "select constraint_type from information_schema.table_constraints where table_name = 'orders' order by 1",
    );
    expect(constraints.map((c) => c.constraint_type)).toEqual([
      'CHECK',
      'CHECK',
      'FOREIGN KEY',
      'UNIQUE',
      'UNIQUE',
    ]);
    expect(await p.query('select total from order_totals')).toEqual([{ total: 5.5 }]);
  });

  it('a contract the SQL does not meet fails with the differences and builds nothing', async () => {
    const p = testProject(CONTRACT_FILES);
    expect((await p.run('build')).code).toBe(0);
    p.write(CONTRACT_MISMATCH);
    const r = await p.run('run', '-s', 'orders');
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(
      "model 'orders' has an enforced contract that its SQL does not meet; nothing was built:",
    );
    const table = (r.stdout + r.stderr).split('\n').filter((l) => l.startsWith('|'));
    expect(table).toEqual([
      '| column_name | definition_type | contract_type | mismatch_reason     |',
      '| ----------- | --------------- | ------------- | ------------------- |',
      '| order_id    | VARCHAR         | int           | data type mismatch  |',
      '| extra       | INTEGER         |               | missing in contract |',
    ]);
    expect(await p.query('select order_id from orders')).toEqual([{ order_id: 10 }]);
  });

  it('a row a constraint refuses fails the build and keeps the previous table', async () => {
    const p = testProject(CONTRACT_FILES);
    expect((await p.run('build')).code).toBe(0);
    p.write(CONTRACT_CHECK_VIOLATION);
    const checked = await p.run('run', '-s', 'orders');
    expect(checked.code).toBe(1);
    expect(checked.stdout + checked.stderr).toMatch(/CHECK constraint failed/i);
    expect(await p.query('select order_id from orders')).toEqual([{ order_id: 10 }]);
    p.write(CONTRACT_ORPHAN);
    const orphan = await p.run('run', '-s', 'orders');
    expect(orphan.code).toBe(1);
    expect(orphan.stdout + orphan.stderr).toMatch(/foreign key/i);
    expect(await p.query('select order_id from orders')).toEqual([{ order_id: 10 }]);
  });

  it('a broken contract fails the compile before anything runs', async () => {
    const p = testProject({
      ...CONTRACT_FILES,
      'models/schema.yml': CONTRACT_FILES['models/schema.yml']!.replace(
        '        data_type: varchar(20)\n',
        '',
      ).replace('{ type: unique }', '{ type: uniq }'),
    });
    const r = await p.run('build');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "model 'customers' enforces a contract, so every column needs a data_type: name has none",
    );
    expect(r.stderr).toContain(
      "column 'order_id' of model 'orders': unknown constraint type 'uniq'",
    );
    expect(existsSync(p.db)).toBe(false);
  });
});
