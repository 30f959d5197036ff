import { describe, expect, it } from 'vitest';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';

const PROJECT = 'name: shop\nversion: "1.0.0"\n';

async function compile(files: Record<string, string>) {
  const dir = tempProject({ 'dbt_project.yml': PROJECT, ...files });
  const result = await compileProject({ projectDir: dir, writeArtifacts: false, env: {} });
  return {
    manifest: result.manifest,
    warnings: result.warnings.map((w) => w.format().split('\n')[0]!),
  };
}

const GOVERNED = [
  'version: 2',
  'groups:',
  '  - name: finance',
  '    owner: { email: finance@example.com }',
  'models:',
  '  - name: orders',
  '    access: public',
  '    group: finance',
  '    latest_version: 2',
  '    versions:',
  '      - v: 2',
  '        defined_in: orders',
  '    columns:',
  '      - name: id',
  '        constraints: [{ type: not_null }]',
  'exposures:',
  '  - name: dashboard',
  '    type: dashboard',
  '    owner: { email: bi@example.com }',
  "    depends_on: [ref('orders')]",
  'metrics:',
  '  - name: order_count',
  '    type: simple',
  'semantic_models:',
  '  - name: orders_sm',
  "    model: ref('orders')",
  'saved_queries:',
  '  - name: weekly',
  'unit_tests:',
  '  - name: counts_one',
  '    model: orders',
  '    given: []',
  '    expect: { rows: [{ id: 1 }] }',
  '',
].join('\n');

describe('properties sections dbt reads', () => {
  it('exposures, metrics, semantic models, saved queries, groups and unit tests are kept in their manifest sections', async () => {
    const { manifest } = await compile({
      'models/orders.sql': 'select 1 as id',
      'models/schema.yml': GOVERNED,
    });
    expect(Object.keys(manifest.groups!)).toEqual(['group.shop.finance']);
    expect(manifest.exposures!['exposure.shop.dashboard']).toMatchObject({
      name: 'dashboard',
      resource_type: 'exposure',
      package_name: 'shop',
      original_file_path: 'models/schema.yml',
      type: 'dashboard',
      // Resolved as in dbt's manifest (an unpinned ref reaches the latest version).
      depends_on: { macros: [], nodes: ['model.shop.orders.v2'] },
      refs: [{ name: 'orders', package: null, version: null }],
    });
    expect(Object.keys(manifest.metrics!)).toEqual(['metric.shop.order_count']);
    expect(Object.keys(manifest.semantic_models!)).toEqual(['semantic_model.shop.orders_sm']);
    expect(Object.keys(manifest.saved_queries!)).toEqual(['saved_query.shop.weekly']);
    // orders is versioned: its unit test is one node per version, as in dbt.
    expect(Object.keys(manifest.unit_tests!)).toEqual(['unit_test.shop.orders.counts_one_v2']);
    expect(manifest.unit_tests!['unit_test.shop.orders.counts_one_v2']).toMatchObject({
      model: 'orders',
      version: 2,
      depends_on: { nodes: ['model.shop.orders.v2'] },
      expect: { rows: [{ id: 1 }] },
    });
    expect(manifest.nodes['model.shop.orders.v2']).toMatchObject({
      access: 'public',
      group: 'finance',
      version: 2,
      latest_version: 2,
    });
  });

  it('what tsmodel does not act on is named once per key for the whole project', async () => {
    const { warnings } = await compile({
      'models/orders.sql': 'select 1 as id',
      'models/schema.yml': GOVERNED,
      'models/more.yml': 'exposures:\n  - name: other\n    type: notebook\n',
    });
    const notUsed = warnings.filter((w) => w.includes('accepted but not used'));
    expect(notUsed.map((w) => w.replace(/ is accepted.*/, ''))).toEqual([
      "models/more.yml:1:1 'exposures' in properties files",
      "models/schema.yml:21:1 'metrics' in properties files",
      "models/schema.yml:24:1 'semantic_models' in properties files",
      "models/schema.yml:27:1 'saved_queries' in properties files",
      "models/schema.yml:2:1 'groups' in properties files",
      "models/schema.yml:7:5 'access' in properties files",
      "models/schema.yml:8:5 'group' in properties files",
    ]);
  });

  it('an entry for a node or macro that does not exist is a warning at the entry, with the closest name', async () => {
    const { warnings } = await compile({
      'models/orders.sql': 'select 1 as id',
      'macros/m.sql': '{% macro cents(x) %}{{ x }}{% endmacro %}',
      'snapshots/s.sql':
        "{% snapshot orders_history %}{{ config(strategy='check', unique_key='id', check_cols='all') }}select * from {{ ref('orders') }}{% endsnapshot %}",
      'analyses/a.sql': 'select 1',
      'models/schema.yml': [
        'models:\n  - name: ordrs',
        'macros:\n  - name: cent',
        'snapshots:\n  - name: orders_histroy',
        'analyses:\n  - name: revenue',
        '',
      ].join('\n'),
    });
    expect(warnings).toEqual([
      "models/schema.yml:2:5 models/schema.yml describes model 'ordrs', which does not exist — did you mean 'orders'?",
      "models/schema.yml:6:5 models/schema.yml describes snapshot 'orders_histroy', which does not exist — did you mean 'orders_history'?",
      "models/schema.yml:8:5 models/schema.yml describes analysis 'revenue', which does not exist — create it, or remove the entry",
      "models/schema.yml:4:5 models/schema.yml describes macro 'cent', which does not exist — did you mean 'cents'?",
    ]);
  });
});

describe("a unit test's config", () => {
  it('renders its Jinja, so a tag chosen by target selects as dbt does; rows stay as written', async () => {
    const { manifest } = await compile({
      'models/m.sql': 'select 1 as id',
      'models/m.yml': [
        'unit_tests:',
        '  - name: only_on_snowflake',
        '    model: m',
        '    given: []',
        '    expect: {rows: [{id: "{{ not rendered }}"}]}',
        '    config:',
        "      tags: \"{{ 'skip' if target.type not in ['snowflake'] else 'runnable' }}\"",
        '',
      ].join('\n'),
    });
    const test = manifest.unit_tests!['unit_test.shop.m.only_on_snowflake']!;
    expect(test.tags).toEqual(['skip']);
    expect(test.expect).toMatchObject({ rows: [{ id: '{{ not rendered }}' }] });
  });
});
