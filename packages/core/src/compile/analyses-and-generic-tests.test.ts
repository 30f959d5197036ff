import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../project/test-helpers';
import { keepResourceTypes, selectNodes } from '../selector';
import { compileProject } from './compile-project';

const PROJECT = 'name: shop\nversion: "1.0.0"\n';

async function compile(files: Record<string, string>) {
  const dir = tempProject({ 'dbt_project.yml': PROJECT, ...files });
  const result = await compileProject({ projectDir: dir, writeArtifacts: true, env: {} });
  return { dir, result };
}

describe('generic tests in tests/generic/', () => {
  it('are macros usable from YAML, not singular tests', async () => {
    const { result } = await compile({
      'models/orders.sql': 'select 1 as id',
      'tests/generic/is_positive.sql':
        '{% test is_positive(model, column_name) %}\nselect * from {{ model }} where {{ column_name }} <= 0\n{% endtest %}\n',
      'tests/assert_one.sql': "select * from {{ ref('orders') }} where id <> 1",
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n        tests: [is_positive]\n',
    });
    const tests = Object.values(result.manifest.nodes).filter((n) => n.resource_type === 'test');
    expect(tests.map((t) => t.name).sort()).toEqual(['assert_one', 'is_positive_orders_id']);
    expect(result.manifest.macros['macro.shop.test_is_positive']?.original_file_path).toBe(
      'tests/generic/is_positive.sql',
    );
    const generic = tests.find((t) => t.name === 'is_positive_orders_id')!;
    expect(generic.compiled_code).toContain('where id <= 0');
  });
});

describe('analyses', () => {
  const files = {
    'models/orders.sql': 'select 1 as id',
    'analyses/order_count.sql': "select count(*) from {{ ref('orders') }}",
    'analyses/schema.yml':
      'version: 2\nanalyses:\n  - name: order_count\n    description: How many orders\n',
  };

  it('are compiled from analyses/ into the manifest and target/compiled, depending on their refs', async () => {
    const { dir, result } = await compile(files);
    const analysis = result.manifest.nodes['analysis.shop.order_count']!;
    expect(analysis).toMatchObject({
      resource_type: 'analysis',
      original_file_path: 'analyses/order_count.sql',
      fqn: ['shop', 'order_count'],
      description: 'How many orders',
      compiled_code: 'select count(*) from "shop"."main"."orders"',
    });
    expect(analysis.relation).toBeUndefined();
    expect(analysis.depends_on.nodes).toEqual(['model.shop.orders']);
    expect(
      readFileSync(path.join(dir, 'target/compiled/shop/analyses/order_count.sql'), 'utf8'),
    ).toBe(analysis.compiled_code);
  });

  it('take analysis-paths and the analyses: configs of dbt_project.yml', async () => {
    const { result } = await compile({
      'dbt_project.yml': `${PROJECT}analysis-paths: [adhoc]\nanalyses:\n  shop:\n    +tags: [adhoc]\n`,
      'models/orders.sql': 'select 1 as id',
      'adhoc/q.sql': "select * from {{ ref('orders') }}",
      'analyses/ignored.sql': 'select 2',
    });
    const analyses = Object.values(result.manifest.nodes).filter(
      (n) => n.resource_type === 'analysis',
    );
    expect(analyses.map((a) => [a.unique_id, a.tags])).toEqual([['analysis.shop.q', ['adhoc']]]);
  });

  it('are selected by resource_type:analysis, and run/build keep none of them', async () => {
    const { result } = await compile(files);
    const { selected } = selectNodes(result.manifest, result.graph, {
      rootProject: 'shop',
      select: ['resource_type:analysis'],
    });
    expect([...selected]).toEqual(['analysis.shop.order_count']);
    const everything = selectNodes(result.manifest, result.graph, {
      rootProject: 'shop',
      select: ['orders+'],
    });
    for (const types of [['model'], ['model', 'seed', 'test']] as const)
      expect([...keepResourceTypes(everything.selected, result.manifest, types)]).toEqual([
        'model.shop.orders',
      ]);
  });

  it('are not looked for when the folder does not exist', async () => {
    const { dir, result } = await compile({ 'models/orders.sql': 'select 1 as id' });
    expect(Object.keys(result.manifest.nodes)).toEqual(['model.shop.orders']);
    expect(existsSync(path.join(dir, 'target/compiled/shop/analyses'))).toBe(false);
  });
});
