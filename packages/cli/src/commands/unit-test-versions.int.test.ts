/**
 * Unit tests of versioned models (dbt 1.8): one test node per version
 * (`unit_test.<pkg>.<model>.<test>_v<n>`), narrowed by `versions: {include}` / `{exclude}`,
 * and a version there that does not exist refused, naming the test and the file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

const MODELS = {
  'seeds/raw_orders.csv': 'id,amount\n1,2\n',
  'models/schema.yml': `models:
  - name: orders
    latest_version: 2
    versions: [{v: 1}, {v: 2}, {v: 3}]
`,
  // v2 triples where the others double: its test is the one that fails.
  'models/orders_v1.sql': "select id, amount * 2 as doubled from {{ ref('raw_orders') }}",
  'models/orders_v2.sql': "select id, amount * 3 as doubled from {{ ref('raw_orders') }}",
  'models/orders_v3.sql': "select id, amount * 2 as doubled from {{ ref('raw_orders') }}",
};

const unitTests = (versions = '') => `unit_tests:
  - name: doubles
    model: orders${versions ? `\n    versions: ${versions}` : ''}
    given:
      - input: ref('raw_orders')
        rows: [{id: 1, amount: 5}]
    expect:
      rows: [{id: 1, doubled: 10}]
`;

function statuses(dir: string): Record<string, string> {
  const { results } = JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8'));
  return Object.fromEntries(
    results.map((r: { unique_id: string; status: string }) => [r.unique_id, r.status]),
  );
}

describe('unit tests of versioned models', () => {
  it('run against every version, each its own node, selectable by the version', async () => {
    const p = testProject({ ...MODELS, 'models/unit.yml': unitTests() });
    expect((await p.run('seed')).code).toBe(0);
    const run = await p.run('test');
    expect(run.code).toBe(1);
    expect(statuses(p.dir)).toEqual({
      'unit_test.shop.orders.doubles_v1': 'pass',
      'unit_test.shop.orders.doubles_v2': 'fail',
      'unit_test.shop.orders.doubles_v3': 'pass',
    });
    const one = await p.run('test', '--select', 'orders.v3');
    expect(one.code).toBe(0);
    expect(statuses(p.dir)).toEqual({ 'unit_test.shop.orders.doubles_v3': 'pass' });
    const ls = await p.run('ls', '--resource-type', 'unit_test');
    expect(ls.stdout.trim().split('\n').sort()).toEqual([
      'unit_test:shop.doubles_v1',
      'unit_test:shop.doubles_v2',
      'unit_test:shop.doubles_v3',
    ]);
    const byVersionedName = await p.run('ls', '-s', 'unit_test:shop.doubles_v2', '-o', 'json');
    expect(JSON.parse(byVersionedName.stdout.trim())).toMatchObject({
      unique_id: 'unit_test.shop.orders.doubles_v2',
      depends_on: { nodes: ['model.shop.orders.v2'] },
    });
  });

  it('versions include and exclude narrow the versions tested', async () => {
    const p = testProject({ ...MODELS, 'models/unit.yml': unitTests('{exclude: [2]}') });
    expect((await p.run('seed')).code).toBe(0);
    expect((await p.run('test')).code).toBe(0);
    expect(statuses(p.dir)).toEqual({
      'unit_test.shop.orders.doubles_v1': 'pass',
      'unit_test.shop.orders.doubles_v3': 'pass',
    });
    p.write({ 'models/unit.yml': unitTests('{include: [2]}') });
    expect((await p.run('test')).code).toBe(1);
    expect(statuses(p.dir)).toEqual({ 'unit_test.shop.orders.doubles_v2': 'fail' });
  });

  it('a version that does not exist, include with exclude, or versions on an unversioned model: errors at the entry', async () => {
    const p = testProject({ ...MODELS, 'models/unit.yml': unitTests('{include: [1, 4]}') });
    const missing = await p.run('compile');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      "models/unit.yml:2:5 unit test 'doubles' lists version 4 of model 'orders' in `versions.include`, which does not exist",
    );
    expect(missing.stderr).toContain("the model's versions are 1, 2, 3");

    p.write({ 'models/unit.yml': unitTests('{include: [1], exclude: [2]}') });
    const both = await p.run('compile');
    expect(both.code).toBe(1);
    expect(both.stderr).toContain(
      "models/unit.yml:2:5 unit test 'doubles' has both `versions.include` and `versions.exclude`",
    );

    p.write({
      'models/schema.yml': 'models: []\n',
      'models/orders_v1.sql': '',
      'models/orders_v2.sql': '',
      'models/orders_v3.sql': '',
      'models/orders.sql': "select id, amount * 2 as doubled from {{ ref('raw_orders') }}",
      'models/unit.yml': unitTests('{exclude: [1]}'),
    });
    const unversioned = await p.run('compile');
    expect(unversioned.code).toBe(1);
    expect(unversioned.stderr).toContain(
      "unit test 'doubles' has `versions.exclude` but model 'orders' is not versioned",
    );
  });
});
