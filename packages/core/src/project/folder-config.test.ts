import { describe, expect, it } from 'vitest';
import { folderConfig, mergeConfigs } from './folder-config';
import type { FolderConfigTree } from './types';

const tree: FolderConfigTree = {
  configs: { materialized: 'view', tags: ['all'], meta: { owner: 'data' }, post_hook: ['grant a'] },
  children: {
    shop: {
      configs: { schema: 'shop', tags: ['shop', 'all'] },
      children: {
        staging: {
          configs: { materialized: 'table', tags: 'stg', meta: { tier: 2 }, post_hook: 'analyze' },
          children: { deep: { configs: { materialized: 'incremental' }, children: {} } },
        },
      },
    },
    other_pkg: { configs: { schema: 'other' }, children: {} },
  },
};

describe('folderConfig', () => {
  it('applies root configs, then the package, then each folder, deeper winning', () => {
    expect(folderConfig(tree, 'shop', ['staging', 'deep'])).toEqual({
      materialized: 'incremental',
      schema: 'shop',
      tags: ['all', 'shop', 'stg'],
      meta: { owner: 'data', tier: 2 },
      post_hook: ['grant a', 'analyze'],
    });
  });

  it('stops at the deepest configured folder', () => {
    expect(folderConfig(tree, 'shop', ['marts', 'finance'])).toMatchObject({
      materialized: 'view',
      schema: 'shop',
    });
  });

  it("uses only the resource's own package entry", () => {
    expect(folderConfig(tree, 'other_pkg', ['staging'])).toEqual({
      materialized: 'view',
      schema: 'other',
      tags: ['all'],
      meta: { owner: 'data' },
      post_hook: ['grant a'],
    });
    expect(folderConfig(tree, 'unknown', [])).not.toHaveProperty('schema');
  });
});

describe('mergeConfigs', () => {
  it('overrides plain keys, accumulates tags and hooks, merges meta, normalises hyphens', () => {
    const base = { materialized: 'view', tags: ['a'], 'pre-hook': 'x', meta: { a: 1, b: 1 } };
    const override = {
      materialized: 'table',
      tags: ['b', 'a'],
      pre_hook: ['y'],
      'post-hook': 'z',
      meta: { b: 2 },
    };
    expect(mergeConfigs(base, override)).toEqual({
      materialized: 'table',
      tags: ['a', 'b'],
      pre_hook: ['x', 'y'],
      post_hook: ['z'],
      meta: { a: 1, b: 2 },
    });
    expect(base).toEqual({
      materialized: 'view',
      tags: ['a'],
      'pre-hook': 'x',
      meta: { a: 1, b: 1 },
    });
  });

  it('replaces a mapping config when the override is not a mapping', () => {
    expect(mergeConfigs({ meta: { a: 1 } }, { meta: null })).toEqual({ meta: null });
  });
});
