import type { ManifestNode } from '@tsmodel/core';
import { describe, expect, it } from 'vitest';
import { formatLsLine } from './ls-format';

function node(overrides: Partial<ManifestNode>): ManifestNode {
  return {
    unique_id: 'model.shop.stg_orders',
    resource_type: 'model',
    name: 'stg_orders',
    package_name: 'shop',
    path: 'staging/stg_orders.sql',
    original_file_path: 'models/staging/stg_orders.sql',
    fqn: ['shop', 'staging', 'stg_orders'],
    config: {
      enabled: true,
      materialized: 'view',
      tags: [],
      pre_hook: [],
      post_hook: [],
      meta: {},
    },
    tags: ['nightly'],
    description: '',
    columns: {},
    depends_on: { nodes: ['source.shop.raw.orders'], macros: [] },
    checksum: 'x',
    ...overrides,
  };
}

const source = node({
  unique_id: 'source.shop.raw.orders',
  resource_type: 'source',
  name: 'orders',
  source_name: 'raw',
  original_file_path: 'models/sources.yml',
  fqn: ['shop', 'raw', 'orders'],
  depends_on: { nodes: [], macros: [] },
});

describe('formatLsLine', () => {
  it('prints what --select accepts back, like dbt ls', () => {
    expect(formatLsLine(node({}), 'selector')).toBe('shop.staging.stg_orders');
    expect(formatLsLine(source, 'selector')).toBe('source:shop.raw.orders');
  });

  it('prints names, sources as source.table', () => {
    expect(formatLsLine(node({}), 'name')).toBe('stg_orders');
    expect(formatLsLine(source, 'name')).toBe('raw.orders');
  });

  it('prints the file path', () => {
    expect(formatLsLine(node({}), 'path')).toBe('models/staging/stg_orders.sql');
  });

  it('prints one JSON object with dbt ls keys', () => {
    const parsed = JSON.parse(formatLsLine(node({}), 'json')) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'name',
      'resource_type',
      'package_name',
      'original_file_path',
      'unique_id',
      'config',
      'tags',
      'depends_on',
    ]);
    expect(parsed).toMatchObject({ unique_id: 'model.shop.stg_orders', tags: ['nightly'] });
  });
});

describe('formatLsLine: unit tests', () => {
  const unitTest = node({
    unique_id: 'unit_test.shop.orders.doubles',
    resource_type: 'unit_test',
    name: 'doubles',
    original_file_path: 'models/unit.yml',
    fqn: ['shop', 'orders', 'doubles'],
    depends_on: { nodes: ['model.shop.orders'], macros: [] },
  });

  it('prints dbt ls spellings: unit_test:<pkg>.<name>, the name, the file', () => {
    expect(formatLsLine(unitTest, 'selector')).toBe('unit_test:shop.doubles');
    expect(formatLsLine(unitTest, 'name')).toBe('doubles');
    expect(formatLsLine(unitTest, 'path')).toBe('models/unit.yml');
    expect(JSON.parse(formatLsLine(unitTest, 'json'))).toMatchObject({
      resource_type: 'unit_test',
      unique_id: 'unit_test.shop.orders.doubles',
      depends_on: { nodes: ['model.shop.orders'] },
    });
  });

  it("a model version's test is selected by its versioned name", () => {
    const v2 = { ...unitTest, unique_id: 'unit_test.shop.orders.doubles_v2', version: 2 };
    expect(formatLsLine(v2, 'selector')).toBe('unit_test:shop.doubles_v2');
    expect(formatLsLine(v2, 'name')).toBe('doubles');
  });
});
