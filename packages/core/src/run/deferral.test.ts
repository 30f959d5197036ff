import { describe, expect, it } from 'vitest';
import type { Manifest, ManifestNode } from '../manifest/types';
import { deferralCandidates, deferredParents, stateRelation } from './deferral';

function node(id: string, deps: string[], extra: Partial<ManifestNode> = {}): ManifestNode {
  const [type, pkg, name] = id.split('.') as [ManifestNode['resource_type'], string, string];
  return {
    unique_id: id,
    resource_type: type,
    name,
    package_name: pkg,
    path: `${name}.sql`,
    original_file_path: `models/${name}.sql`,
    fqn: [pkg, name],
    config: {
      enabled: true,
      materialized: 'table',
      tags: [],
      pre_hook: [],
      post_hook: [],
      meta: {},
    },
    tags: [],
    description: '',
    columns: {},
    depends_on: { nodes: deps, macros: [] },
    checksum: '',
    relation: { schema: 'dev', identifier: name },
    ...extra,
  };
}

const manifest = (nodes: ManifestNode[]) =>
  ({ nodes: Object.fromEntries(nodes.map((n) => [n.unique_id, n])) }) as unknown as Manifest;

describe('--defer', () => {
  const orders = node('model.shop.orders', ['seed.shop.raw_orders']);
  const raw = node('seed.shop.raw_orders', []);
  const eph = node('model.shop.eph', ['model.shop.orders'], {
    config: { ...orders.config, materialized: 'ephemeral' },
  });
  const report = node('model.shop.report', ['model.shop.eph', 'model.shop.customers']);
  const customers = node('model.shop.customers', []);
  const current = manifest([orders, raw, eph, report, customers]);

  it('considers the unselected parents of the selection, through ephemeral models', () => {
    const ids = deferralCandidates(current, new Set(['model.shop.report'])).map((n) => n.unique_id);
    expect(ids.sort()).toEqual(['model.shop.customers', 'model.shop.orders']);
    const both = deferralCandidates(current, new Set(['model.shop.report', 'model.shop.orders']));
    expect(both.map((n) => n.unique_id).sort()).toEqual([
      'model.shop.customers',
      'seed.shop.raw_orders',
    ]);
  });

  it('reads the state’s relation for parents not built here, or for all with --favor-state', () => {
    const state = manifest([
      { ...orders, relation: { schema: 'prod', identifier: 'orders' } },
      { ...customers, relation: { schema: 'prod', identifier: 'customers' } },
    ]);
    const candidates = deferralCandidates(current, new Set(['model.shop.report']));
    const builtHere = (rel: { identifier: string }) => rel.identifier === 'customers';
    expect(deferredParents({ candidates, state, favorState: false, exists: builtHere })).toEqual([
      { uniqueId: 'model.shop.orders', relation: { schema: 'prod', identifier: 'orders' } },
    ]);
    expect(
      deferredParents({ candidates, state, favorState: true, exists: builtHere }).map(
        (d) => d.uniqueId,
      ),
    ).toEqual(['model.shop.orders', 'model.shop.customers']);
    expect(
      deferredParents({ candidates, state: manifest([]), favorState: true, exists: () => false }),
    ).toEqual([]);
  });

  it('reads where a dbt manifest built a node: database, schema and alias', () => {
    expect(
      stateRelation({
        name: 'orders',
        database: 'prod_db',
        schema: 'analytics',
        alias: 'orders_v2',
      }),
    ).toEqual({
      database: 'prod_db',
      schema: 'analytics',
      identifier: 'orders_v2',
    });
    expect(stateRelation({ name: 'orders', schema: 'analytics' })).toEqual({
      schema: 'analytics',
      identifier: 'orders',
    });
    expect(stateRelation({ name: 'orders' })).toBeUndefined();
  });
});
