/** `tsmodel docs generate` on DuckDB: catalog.json exactly as dbt writes it, selection, flags. */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-io';
import { testProject } from './run-fixtures';

const FILES = {
  'seeds/countries.csv': 'code,name\nde,Germany\n',
  'models/orders.sql': `{{ config(materialized='table', post_hook=[
    "comment on table {{ this }} is 'one row per order'",
    "comment on column {{ this }}.amount is 'in euros'"]) }}
select 1::integer as id, 12.5::decimal(18,2) as amount, 'de' as country`,
  'models/orders_v.sql': `{{ config(post_hook="comment on column {{ this }}.id is 'the order'") }}
select o.id, c.name from {{ ref('orders') }} o join {{ ref('countries') }} c on c.code = o.country`,
  'models/eph.sql': "{{ config(materialized='ephemeral') }}select 1 as x",
  'models/uses_eph.sql': "{{ config(schema='marts') }}select x from {{ ref('eph') }}",
  'models/never_built.sql': 'select 1 as id',
  'models/docs.md': '{% docs orders_doc %}Orders, one per checkout.{% enddocs %}',
  'models/schema.yml': `version: 2
models:
  - name: orders
    description: "{{ doc('orders_doc') }}"
sources:
  - name: raw
    schema: raw
    tables:
      - name: events
      - name: not_loaded
`,
};

const STATS = {
  has_stats: {
    id: 'has_stats',
    label: 'Has Stats?',
    value: false,
    include: false,
    description: 'Indicates whether there are statistics for this table',
  },
};

function table(
  id: string,
  schema: string,
  name: string,
  type: string,
  comment: string | null,
  columns: Array<[string, string, string | null]>,
) {
  return {
    metadata: { type, schema, name, database: 'shop', comment, owner: null },
    columns: Object.fromEntries(
      columns.map(([col, t, c], i) => [col, { type: t, index: i + 1, name: col, comment: c }]),
    ),
    stats: STATS,
    unique_id: id,
  };
}

async function builtProject() {
  const p = testProject(FILES);
  mkdirSync(join(p.dir, 'target'));
  await p.query(`create schema raw;
    create table raw.events (id bigint, loaded_at timestamp);
    comment on table raw.events is 'loaded by the app';`);
  for (const args of [['seed'], ['run', '--exclude', 'never_built']]) {
    const r = await p.run(...args);
    expect(r.code, r.stderr).toBe(0);
  }
  rmSync(join(p.dir, 'target', 'manifest.json'));
  return p;
}

const catalogOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'target', 'catalog.json'), 'utf8'));

describe('tsmodel docs generate', () => {
  it("writes dbt's catalog.json for what the warehouse holds, and the manifest with doc() resolved", async () => {
    const p = await builtProject();
    const r = await runCli(['docs', 'generate'], p.dir, { DBT_ENV_CUSTOM_ENV_team: 'data' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Wrote .*catalog\.json: 4 nodes and 1 source from 3 schemas/);
    const catalog = catalogOf(p.dir);
    expect(Object.keys(catalog)).toEqual(['metadata', 'nodes', 'sources', 'errors']);
    expect(catalog.metadata).toEqual({
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json',
      dbt_version: expect.stringMatching(/^1\.\d+\.\d+$/),
      tsmodel_version: expect.any(String),
      generated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      invocation_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      env: { team: 'data' },
    });
    expect(catalog.errors).toBeNull();
    expect(catalog.nodes).toEqual({
      'model.shop.orders': table(
        'model.shop.orders',
        'main',
        'orders',
        'BASE TABLE',
        'one row per order',
        [
          ['id', 'INTEGER', null],
          ['amount', 'DECIMAL(18,2)', 'in euros'],
          ['country', 'VARCHAR', null],
        ],
      ),
      'model.shop.orders_v': table('model.shop.orders_v', 'main', 'orders_v', 'VIEW', null, [
        ['id', 'INTEGER', 'the order'],
        ['name', 'VARCHAR', null],
      ]),
      'model.shop.uses_eph': table('model.shop.uses_eph', 'main_marts', 'uses_eph', 'VIEW', null, [
        ['x', 'INTEGER', null],
      ]),
      'seed.shop.countries': table('seed.shop.countries', 'main', 'countries', 'BASE TABLE', null, [
        ['code', 'VARCHAR', null],
        ['name', 'VARCHAR', null],
      ]),
    });
    expect(catalog.sources).toEqual({
      'source.shop.raw.events': table(
        'source.shop.raw.events',
        'raw',
        'events',
        'BASE TABLE',
        'loaded by the app',
        [
          ['id', 'BIGINT', null],
          ['loaded_at', 'TIMESTAMP', null],
        ],
      ),
    });
    const manifest = JSON.parse(readFileSync(join(p.dir, 'target', 'manifest.json'), 'utf8'));
    expect(manifest.nodes['model.shop.orders'].description).toBe('Orders, one per checkout.');
  });

  it('--select limits the catalog to the selected nodes; --no-compile writes no manifest', async () => {
    const p = await builtProject();
    const r = await p.run('docs', 'generate', '--no-compile', '-s', 'orders', 'source:raw.events');
    expect(r.code, r.stderr).toBe(0);
    const catalog = catalogOf(p.dir);
    expect(Object.keys(catalog.nodes)).toEqual(['model.shop.orders']);
    expect(Object.keys(catalog.sources)).toEqual(['source.shop.raw.events']);
    expect(existsSync(join(p.dir, 'target', 'manifest.json'))).toBe(false);
    const excluded = await p.run('docs', 'generate', '--exclude', 'orders+');
    expect(excluded.code, excluded.stderr).toBe(0);
    expect(Object.keys(catalogOf(p.dir).nodes)).toEqual([
      'model.shop.uses_eph',
      'seed.shop.countries',
    ]);
  });

  it('--empty-catalog writes a catalog without connecting', async () => {
    const p = testProject({
      ...FILES,
      'profiles.yml':
        'shop:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: 127.0.0.1\n      port: 1\n' +
        '      user: u\n      password: never-used\n      dbname: d\n      schema: s\n',
    });
    const r = await p.run('docs', 'generate', '--empty-catalog');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain("Target 'dev'");
    const catalog = catalogOf(p.dir);
    expect([catalog.nodes, catalog.sources, catalog.errors]).toEqual([{}, {}, null]);
    const connecting = await p.run('docs', 'generate');
    expect(connecting.code).toBe(1);
    expect(connecting.stderr).toContain('ECONNREFUSED');
  });

  it('docs serve without a generated site names the fix; an unknown action is an error', async () => {
    const p = testProject({});
    const serve = await p.run('docs', 'serve', '--port', '0');
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain('no docs site in');
    expect(serve.stderr).toContain('run `tsmodel docs generate` first');
    const other = await p.run('docs', 'publish');
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("unknown docs action 'publish'");
  });
});
