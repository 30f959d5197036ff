import { describe, expect, it } from 'vitest';
import type { CatalogTable } from '../catalog/catalog-artifact';
import type { NodeLineage } from '../lineage/types';
import { ManifestBuilder } from '../selector/test-fixtures';
import { buildSiteData } from './site-data';
import { EMBEDDED_DATA_ID, SITE_PATHS, siteFiles, staticSiteHtml } from './site-files';
import { shardOf, shardPath } from './shards';
import { searchEntries } from './search-index';

const { manifest } = new ManifestBuilder('shop')
  .source('raw', 'orders', { description: 'Orders as the shop writes them' })
  .model('stg_orders', {
    sources: ['raw.orders'],
    columns: { order_id: 'One row per order', amount: 'In cents' },
    description: 'Orders, cleaned </script><script>alert(1)</script>',
  })
  .model('orders', { refs: ['stg_orders'], config: { materialized: 'table' } })
  .genericTest('unique', { refs: ['stg_orders'], column: 'order_id' })
  .macro('cents_to_dollars', 'abc')
  .build();

const table = (id: string, columns: Array<[string, string]>): CatalogTable => ({
  unique_id: id,
  metadata: {
    type: 'BASE TABLE',
    schema: 'main',
    name: id,
    database: 'db',
    comment: null,
    owner: null,
  },
  columns: Object.fromEntries(
    columns.map(([name, type], index) => [name, { name, type, index: index + 1, comment: null }]),
  ),
  stats: {},
});

const lineage: Record<string, NodeLineage> = {
  'model.shop.stg_orders': {
    columns: {
      order_id: { how: 'rename', upstream: [{ node: 'source.shop.raw.orders', column: 'id' }] },
      amount: {
        how: 'transformation',
        upstream: [{ node: 'source.shop.raw.orders', column: 'amount_raw' }],
      },
      loaded_day: { how: 'transformation', upstream: [], unresolved: 'the function is unknown' },
    },
    filters: [{ node: 'source.shop.raw.orders', column: 'status' }],
  },
};

const data = await buildSiteData(
  {
    manifest,
    catalog: {
      nodes: {
        'model.shop.stg_orders': table('stg_orders', [
          ['amount', 'INTEGER'],
          ['order_id', 'VARCHAR'],
        ]),
      },
      sources: {},
    },
    lineage,
  },
  new Date('2026-01-02T03:04:05Z'),
);
const details = (id: string) => data.shards[shardOf(id, data.site.shards)]![id]!;

describe('buildSiteData', () => {
  it('indexes every page for search: models, sources, tests and macros', () => {
    const types = Object.fromEntries(data.search.map((e) => [e[0], e[2]]));
    expect(types).toEqual({
      'model.shop.orders': 'model',
      'model.shop.stg_orders': 'model',
      'source.shop.raw.orders': 'source',
      'test.shop.unique_stg_orders_order_id': 'test',
      'macro.shop.cents_to_dollars': 'macro',
    });
    expect(searchEntries(data.search, 'raw.orders')[0]![0]).toBe('source.shop.raw.orders');
    expect(searchEntries(data.search, 'cleaned')[0]![0]).toBe('model.shop.stg_orders');
    expect(
      searchEntries(data.search, 'orders')
        .map((e) => e[1])
        .slice(0, 1),
    ).toEqual(['orders']);
  });

  it('writes the graph as index pairs matching the manifest, tests included but no macros', () => {
    const ids = data.graph.nodes.map((n) => n.unique_id);
    const edges: string[] = [];
    for (let e = 0; e < data.graph.edges.length; e += 2)
      edges.push(`${ids[data.graph.edges[e]!]} -> ${ids[data.graph.edges[e + 1]!]}`);
    expect(edges.sort()).toEqual([
      'model.shop.stg_orders -> model.shop.orders',
      'model.shop.stg_orders -> test.shop.unique_stg_orders_order_id',
      'source.shop.raw.orders -> model.shop.stg_orders',
    ]);
    expect(ids).not.toContain('macro.shop.cents_to_dollars');
    expect(data.graph.nodes.find((n) => n.name === 'orders')!.config).toEqual({
      materialized: 'table',
      enabled: true,
    });
  });

  it('puts each node in the shard shardOf names, and only there', () => {
    const seen = data.shards.flatMap((shard, n) =>
      Object.keys(shard).map((id) => {
        expect(shardOf(id, data.site.shards)).toBe(n);
        return id;
      }),
    );
    expect(seen.sort()).toEqual(data.search.map((e) => e[0]).sort());
  });

  it('merges catalog types, YAML docs, tests and lineage into the columns, catalog order first', () => {
    const page = details('model.shop.stg_orders');
    expect(page.columns).toEqual([
      {
        name: 'amount',
        type: 'INTEGER',
        description: 'In cents',
        tests: [],
        lineage: lineage['model.shop.stg_orders']!.columns.amount,
      },
      {
        name: 'order_id',
        type: 'VARCHAR',
        description: 'One row per order',
        tests: ['unique'],
        lineage: lineage['model.shop.stg_orders']!.columns.order_id,
      },
      {
        name: 'loaded_day',
        description: '',
        tests: [],
        lineage: lineage['model.shop.stg_orders']!.columns.loaded_day,
      },
    ]);
    expect(page.parents).toEqual(['source.shop.raw.orders']);
    expect(page.children.sort()).toEqual([
      'model.shop.orders',
      'test.shop.unique_stg_orders_order_id',
    ]);
    expect(page.filters).toEqual([{ node: 'source.shop.raw.orders', column: 'status' }]);
  });

  it('describes tests by their model and column', () => {
    expect(details('test.shop.unique_stg_orders_order_id').facts).toEqual({
      test: 'unique',
      model: 'model.shop.stg_orders',
      column: 'order_id',
    });
  });
});

const { manifest: markdownManifest } = new ManifestBuilder('shop')
  .source('raw', 'payments')
  .model('payments', {
    description: '# Payments\n\nOne row per **payment**, see [docs](https://example.com).',
  })
  .macro('cents_to_dollars', 'abc')
  .build();
markdownManifest.sources['source.shop.raw.payments']!.source_description = 'The *raw* schema';
markdownManifest.macros['macro.shop.cents_to_dollars']!.arguments = [
  { name: 'column', type: 'string', description: 'A column **in cents**' },
];
markdownManifest.docs = {
  'doc.shop.__overview__': {
    unique_id: 'doc.shop.__overview__',
    name: '__overview__',
    resource_type: 'doc',
    package_name: 'shop',
    path: 'overview.md',
    original_file_path: 'models/overview.md',
    block_contents: '# The shop\n\nWhat **we** sell.',
  },
};
const markdownSite = await buildSiteData({ manifest: markdownManifest });
const mdPage = (id: string) => markdownSite.shards[shardOf(id, markdownSite.site.shards)]![id]!;

describe('descriptions in the site data', () => {
  it('indexes descriptions for search as plain text, without their Markdown', () => {
    expect(markdownSite.search.find((e) => e[0] === 'model.shop.payments')![5]).toBe(
      'Payments One row per payment, see docs.',
    );
    expect(searchEntries(markdownSite.search, 'per payment')[0]![0]).toBe('model.shop.payments');
  });

  it("keeps the project's __overview__ doc for the landing page, and none when there is none", () => {
    expect(markdownSite.site.overview).toBe('# The shop\n\nWhat **we** sell.');
    expect(data.site.overview).toBeUndefined();
  });

  it("keeps the Markdown for the pages: a source's source description, a macro's arguments", () => {
    expect(mdPage('model.shop.payments').description).toContain('**payment**');
    expect(mdPage('source.shop.raw.payments').source_description).toBe('The *raw* schema');
    expect(mdPage('source.shop.raw.payments').facts).toBeUndefined();
    expect(mdPage('macro.shop.cents_to_dollars').arguments).toEqual([
      { name: 'column', type: 'string', description: 'A column **in cents**' },
    ]);
    expect(mdPage('macro.shop.cents_to_dollars').facts).toBeUndefined();
  });
});

describe('site files', () => {
  const assets = { js: 'console.log("</script>")', css: 'body{}' };

  it('lays the served site out as index.html, the app and the data files', () => {
    const files = siteFiles(data, assets);
    expect([...files.keys()].sort()).toEqual(
      [
        SITE_PATHS.index,
        SITE_PATHS.js,
        SITE_PATHS.css,
        SITE_PATHS.info,
        SITE_PATHS.search,
        SITE_PATHS.graph,
        ...data.shards.map((_, n) => shardPath(n)),
      ].sort(),
    );
    expect(files.get(SITE_PATHS.index)).toContain(`src="${SITE_PATHS.js}"`);
    expect(JSON.parse(files.get(SITE_PATHS.info)!)).toEqual(data.site);
  });

  it('inlines everything into the static page, where no description can end a script early', () => {
    const html = staticSiteHtml(data, assets);
    const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g)!;
    expect(scripts).toHaveLength(2);
    const embedded = scripts[0]!.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, '');
    expect(scripts[0]).toContain(`id="${EMBEDDED_DATA_ID}"`);
    expect(JSON.parse(embedded)).toEqual(data);
    expect(html).not.toContain('src=');
  });
});
