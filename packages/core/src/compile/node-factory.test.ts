import { describe, expect, it } from 'vitest';
import { layerConfig, overlayConfig } from './node-factory';

describe('overlayConfig', () => {
  const folder = {
    tags: ['daily'],
    'pre-hook': 'select 1',
    meta: { owner: 'a', tier: 1 },
    severity: 'warn',
    materialized: 'table',
  };
  const yaml = { tags: 'yaml', meta: { tier: 2 } };
  const calls = [
    { tags: ['daily', 'x'], pre_hook: ['select 2'], meta: { pii: true } },
    { materialized: 'incremental', severity: 'error' },
  ];

  it('equals layering every source again, for each resource type', () => {
    for (const type of ['model', 'seed', 'test'] as const) {
      const base = layerConfig(type, [folder, undefined, yaml]);
      expect(overlayConfig(type, base, calls)).toEqual(
        layerConfig(type, [folder, undefined, yaml, ...calls]),
      );
    }
  });

  it('accumulates tags and hooks and merges meta on top of the folder configs', () => {
    const config = overlayConfig('model', layerConfig('model', [folder, yaml]), calls);
    expect(config.tags).toEqual(['daily', 'yaml', 'x']);
    expect(config.pre_hook).toEqual(['select 1', 'select 2']);
    expect(config.meta).toEqual({ owner: 'a', tier: 2, pii: true });
    expect(config.materialized).toBe('incremental');
  });

  it('returns the base itself when the template called config() nowhere', () => {
    const base = layerConfig('model', [folder]);
    expect(overlayConfig('model', base, [])).toBe(base);
  });
});
