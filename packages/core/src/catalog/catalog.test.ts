import { describe, expect, it } from 'vitest';
import type { CatalogRelation } from '../adapter/introspector';
import { compileProject } from '../compile/compile-project';
import { tempProject } from '../project/test-helpers';
import { catalogArtifact, catalogEnv } from './catalog-artifact';
import {
  catalogableNodes,
  catalogEntries,
  catalogSchemaKey,
  catalogSchemas,
} from './catalog-nodes';

async function manifestOf(files: Record<string, string>) {
  const dir = tempProject({ 'project.yml': 'name: shop\nversion: "1.0.0"\n', ...files });
  return (await compileProject({ projectDir: dir, writeArtifacts: false, env: {} })).manifest;
}

const PROJECT = {
  'models/orders.sql': "{{ config(materialized='table') }}select 1 as id",
  'models/orders_v.sql': "select * from {{ ref('orders') }}",
  'models/eph.sql': "{{ config(materialized='ephemeral') }}select 1 as id",
  'models/marts/big.sql': "{{ config(schema='marts') }}select * from {{ ref('eph') }}",
  'models/schema.yml': `version: 2
models:
  - name: orders
    columns: [{name: id, data_tests: [unique]}]
sources:
  - name: raw
    schema: landing
    tables: [{name: customers}, {name: missing}, {name: orders_again, identifier: orders}]
`,
  'seeds/countries.csv': 'code\nde\n',
  'analyses/a.sql': 'select 1',
  'snapshots/snap.sql':
    "{% snapshot snap %}{{ config(unique_key='id', strategy='check', check_cols='all', target_schema='snaps') }}select 1 as id{% endsnapshot %}",
};

function relation(
  schema: string,
  name: string,
  extra: Partial<CatalogRelation> = {},
): CatalogRelation {
  return {
    database: 'wh',
    schema,
    name,
    kind: 'table',
    type: 'BASE TABLE',
    owner: 'me',
    comment: null,
    columns: [{ name: 'id', dataType: 'integer', index: 1, comment: null }],
    ...extra,
  };
}

describe('catalog assembly', () => {
  it('describes non-ephemeral models, seeds, snapshots and sources, one read per distinct schema', async () => {
    const manifest = await manifestOf(PROJECT);
    const nodes = catalogableNodes(manifest);
    expect(nodes.map((n) => n.unique_id).sort()).toEqual([
      'model.shop.big',
      'model.shop.orders',
      'model.shop.orders_v',
      'seed.shop.countries',
      'snapshot.shop.snap',
      'source.shop.raw.customers',
      'source.shop.raw.missing',
      'source.shop.raw.orders_again',
    ]);
    const schemas = catalogSchemas(nodes).map((s) => s.schema);
    expect([...schemas].sort()).toEqual(['landing', 'main', 'main_marts', 'snaps']);
    const selected = catalogableNodes(manifest, new Set(['model.shop.orders', 'model.shop.eph']));
    expect(selected.map((n) => n.unique_id)).toEqual(['model.shop.orders']);
  });

  it('matches relations back to nodes by name (case aside, exact first); what is missing is absent', async () => {
    const manifest = await manifestOf(PROJECT);
    const nodes = catalogableNodes(manifest);
    const main = nodes.find((n) => n.unique_id === 'model.shop.orders')!.relation!;
    const landing = nodes.find((n) => n.unique_id === 'source.shop.raw.customers')!.relation!;
    const described = new Map([
      [
        catalogSchemaKey(main),
        [
          relation('main', 'ORDERS', { comment: 'upper' }),
          relation('main', 'orders', { comment: 'exact' }),
          relation('main', 'ORDERS_V', {
            kind: 'view',
            type: 'VIEW',
            columns: [
              { name: 'id', dataType: 'integer', index: 1, comment: 'the id' },
              { name: 'name', dataType: 'text', index: 2, comment: null },
            ],
          }),
        ],
      ],
      [
        catalogSchemaKey(landing),
        [relation('landing', 'customers'), relation('landing', 'orders')],
      ],
    ]);
    const { nodes: built, sources } = catalogEntries(nodes, described);
    expect(Object.keys(built)).toEqual(['model.shop.orders', 'model.shop.orders_v']);
    expect(Object.keys(sources)).toEqual([
      'source.shop.raw.customers',
      'source.shop.raw.orders_again',
    ]);
    expect(built['model.shop.orders']!.metadata.comment).toBe('exact');
    expect(JSON.stringify(built['model.shop.orders_v'])).toBe(
      JSON.stringify({
        metadata: {
          type: 'VIEW',
          schema: 'main',
          name: 'ORDERS_V',
          database: 'wh',
          comment: null,
          owner: 'me',
        },
        columns: {
          id: { type: 'integer', index: 1, name: 'id', comment: 'the id' },
          name: { type: 'text', index: 2, name: 'name', comment: null },
        },
        stats: {
          has_stats: {
            id: 'has_stats',
            label: 'Has Stats?',
            value: false,
            include: false,
            description: 'Indicates whether there are statistics for this table',
          },
        },
        unique_id: 'model.shop.orders_v',
      }),
    );
    expect(sources['source.shop.raw.orders_again']!.metadata.name).toBe('orders');
  });

  it("writes dbt's v1 metadata; env holds the DBT_ENV_CUSTOM_ENV_ variables only", () => {
    const artifact = catalogArtifact({
      nodes: {},
      sources: {},
      errors: [],
      invocationId: 'inv-1',
      env: { DBT_ENV_CUSTOM_ENV_team: 'core', DBT_ENV_SECRET_PW: 'x', HOME: '/h' },
      generatedAt: new Date('2026-01-02T03:04:05.000Z'),
    });
    expect(Object.keys(artifact)).toEqual(['metadata', 'nodes', 'sources', 'errors']);
    expect(artifact.metadata).toEqual({
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json',
      dbt_version: expect.stringMatching(/^1\.\d+\.\d+$/),
      tsmodel_version: expect.any(String),
      generated_at: '2026-01-02T03:04:05.000Z',
      invocation_id: 'inv-1',
      env: { team: 'core' },
    });
    expect(artifact.errors).toBeNull();
    expect(
      catalogArtifact({ nodes: {}, sources: {}, errors: ['x'], invocationId: '', env: {} }).errors,
    ).toEqual(['x']);
    expect(catalogEnv({ DBT_ENV_CUSTOM_ENV_b: '2', DBT_ENV_CUSTOM_ENV_a: '1' })).toEqual({
      a: '1',
      b: '2',
    });
  });
});
