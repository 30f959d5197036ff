/**
 * `tsmodel ls` lists unit tests as `dbt ls` does (dbt 1.8): among the default resource types,
 * by `--resource-type unit_test` and `--select test_type:unit`, left out by
 * `--exclude-resource-type unit_test`, in every `--output` format.
 */
import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

const FILES = {
  'seeds/raw_orders.csv': 'id,amount\n1,2\n',
  'models/orders.sql': "select id, amount * 2 as doubled from {{ ref('raw_orders') }}",
  'models/unit.yml': `models:
  - name: orders
    columns:
      - name: id
        data_tests: [not_null]
unit_tests:
  - name: doubles
    model: orders
    given:
      - input: ref('raw_orders')
        rows: [{id: 1, amount: 2}]
    expect:
      rows: [{id: 1, doubled: 4}]
`,
};

describe('tsmodel ls: unit tests', () => {
  const p = testProject(FILES);
  const ls = async (...args: string[]) => {
    const run = await p.run('ls', ...args);
    expect(run.code).toBe(0);
    return run.stdout.trim().split('\n').filter(Boolean);
  };

  it('lists them by default, and by resource type or test_type:unit', async () => {
    const all = await ls('--output', 'name');
    expect(all).toEqual(expect.arrayContaining(['raw_orders', 'orders', 'doubles']));
    expect(await ls('--resource-type', 'unit_test')).toEqual(['unit_test:shop.doubles']);
    expect(await ls('--select', 'test_type:unit')).toEqual(['unit_test:shop.doubles']);
    expect(await ls('--select', 'test_type:unit', '--output', 'path')).toEqual(['models/unit.yml']);
    // What `ls` prints selects the test back.
    expect(await ls('--select', 'unit_test:shop.doubles', '-o', 'name')).toEqual(['doubles']);
  });

  it('prints dbt ls JSON with the unit_test.<pkg>.<model>.<test> id', async () => {
    const [line] = await ls('--select', 'test_type:unit', '--output', 'json');
    expect(JSON.parse(line!)).toMatchObject({
      name: 'doubles',
      resource_type: 'unit_test',
      package_name: 'shop',
      original_file_path: 'models/unit.yml',
      unique_id: 'unit_test.shop.orders.doubles',
      depends_on: { nodes: ['model.shop.orders'] },
    });
  });

  it('--exclude-resource-type unit_test leaves them out, and only them', async () => {
    const names = await ls('--exclude-resource-type', 'unit_test', '-o', 'name');
    expect(names).not.toContain('doubles');
    expect(names).toEqual(expect.arrayContaining(['raw_orders', 'orders']));
    expect(names.some((n) => n.startsWith('not_null_orders_id'))).toBe(true);
    expect(
      await ls('--resource-type', 'model', 'unit_test', '--exclude-resource-type', 'unit_test'),
    ).toEqual(['shop.orders']);
  });
});
