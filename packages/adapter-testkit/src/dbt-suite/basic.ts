import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { awaiting } from './awaiting';
import { INCREMENTAL_BY_ID, SEED_ADDED, SEED_BASE, SOURCE_RAW_YML, fromSource } from './fixtures';
import { resultNames, suiteProject, type SuiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const BASE_MODELS = {
  'seeds/base.csv': SEED_BASE,
  'models/view_model.sql': fromSource('materialized="view"'),
  'models/table_model.sql': fromSource('materialized="table"'),
  'models/swappable.sql': fromSource('materialized=var("materialized_var", "table")'),
  'models/schema.yml': SOURCE_RAW_YML,
};

const EPHEMERAL_MODELS = {
  'seeds/base.csv': SEED_BASE,
  'models/ephemeral.sql': fromSource('materialized="ephemeral"'),
  'models/view_model.sql': `{{ config(materialized="view") }}\nselect * from {{ ref('ephemeral') }}\n`,
  'models/table_model.sql': `{{ config(materialized="table") }}\nselect * from {{ ref('ephemeral') }}\n`,
  'models/schema.yml': SOURCE_RAW_YML,
};

/** catalog.json of the last `docs generate`. */
function catalog(p: SuiteProject): { nodes: object; sources: object } {
  return JSON.parse(readFileSync(join(p.dir, 'target', 'catalog.json'), 'utf8'));
}

/** dbt's basic/test_base, test_empty, test_ephemeral, test_incremental, test_table_materialization. */
export function registerBasicMaterializations(target: DbtSuiteTarget): void {
  it('test_base: seed, run, relation types, equal contents, swapping materializations', async () => {
    const p = suiteProject(target, 'base', BASE_MODELS);
    expect((await p.run(['seed'])).results).toHaveLength(1);
    const run = await p.run(['run']);
    expect(resultNames(run)).toEqual(['swappable', 'table_model', 'view_model']);
    const types = { base: 'table', view_model: 'view', table_model: 'table', swappable: 'table' };
    expect(await p.relationTypes()).toEqual(types);
    expect(await p.rowCount('base')).toBe(10);
    await p.expectRelationsEqual(['base', 'view_model', 'table_model', 'swappable']);
    const asView = await p.run(['run', '-m', 'swappable', '--vars', 'materialized_var: view']);
    expect(asView.results).toHaveLength(1);
    expect(await p.relationTypes()).toEqual({ ...types, swappable: 'view' });
    const inc = await p.run(['run', '-m', 'swappable', '--vars', 'materialized_var: incremental']);
    expect(inc.results).toHaveLength(1);
    expect(await p.relationTypes()).toEqual(types);
    await p.expectRelationsEqual(['base', 'swappable']);
  });

  awaiting('docsGenerate', 'test_base: the catalog holds 4 nodes and 1 source', async () => {
    const p = suiteProject(target, 'base_catalog', BASE_MODELS);
    await p.run(['seed']);
    await p.run(['run']);
    await p.run(['docs', 'generate']);
    expect(Object.keys(catalog(p).nodes)).toHaveLength(4);
    expect(Object.keys(catalog(p).sources)).toHaveLength(1);
  });

  it('test_empty: seed and run of an empty project succeed with no results', async () => {
    const p = suiteProject(target, 'empty', {});
    expect((await p.run(['seed'])).results).toHaveLength(0);
    expect(existsSync(join(p.dir, 'target', 'run_results.json'))).toBe(true);
    expect((await p.run(['run'])).results).toHaveLength(0);
    expect(existsSync(join(p.dir, 'target', 'catalog.json'))).toBe(false);
  });

  awaiting('docsGenerate', 'test_empty: docs generate writes an empty catalog', async () => {
    const p = suiteProject(target, 'empty_catalog', {});
    await p.run(['docs', 'generate']);
    expect(existsSync(join(p.dir, 'target', 'run_results.json'))).toBe(true);
    expect(catalog(p)).toMatchObject({ nodes: {}, sources: {} });
  });

  it('test_ephemeral: an ephemeral model is inlined, never built, and in the manifest', async () => {
    const p = suiteProject(target, 'ephemeral', EPHEMERAL_MODELS);
    expect(resultNames(await p.run(['seed']))).toEqual(['base']);
    expect(resultNames(await p.run(['run']))).toEqual(['table_model', 'view_model']);
    expect(await p.rowCount('base')).toBe(10);
    await p.expectRelationsEqual(['base', 'view_model', 'table_model']);
    expect(Object.keys(await p.relationTypes()).sort()).toEqual([
      'base',
      'table_model',
      'view_model',
    ]);
    const manifest = JSON.parse(p.read('target/manifest.json'));
    expect(Object.keys(manifest.nodes)).toHaveLength(4);
    expect(Object.keys(manifest.sources)).toHaveLength(1);
  });

  awaiting('docsGenerate', 'test_ephemeral: the catalog holds 3 nodes and 1 source', async () => {
    const p = suiteProject(target, 'ephemeral_catalog', EPHEMERAL_MODELS);
    await p.run(['seed']);
    await p.run(['run']);
    await p.run(['docs', 'generate']);
    expect(Object.keys(catalog(p).nodes)).toHaveLength(3);
    expect(Object.keys(catalog(p).sources)).toHaveLength(1);
  });

  it('test_incremental: appends only new rows when the source changes', async () => {
    const p = suiteProject(target, 'incremental', {
      'seeds/base.csv': SEED_BASE,
      'seeds/added.csv': SEED_ADDED,
      'models/incremental.sql': INCREMENTAL_BY_ID,
      'models/schema.yml': SOURCE_RAW_YML,
    });
    expect((await p.run(['seed'])).results).toHaveLength(2);
    expect(await p.rowCount('base')).toBe(10);
    expect(await p.rowCount('added')).toBe(20);
    expect((await p.run(['run', '--vars', 'seed_name: base'])).results).toHaveLength(1);
    await p.expectRelationsEqual(['base', 'incremental']);
    expect((await p.run(['run', '--vars', 'seed_name: added'])).results).toHaveLength(1);
    await p.expectRelationsEqual(['added', 'incremental']);
  });

  it('test_incremental: sync_all_columns with an unchanged schema succeeds twice', async () => {
    const p = suiteProject(target, 'incremental_nsc', {
      'models/incremental_not_schema_change.sql': `{{ config(materialized="incremental", unique_key="key_now", on_schema_change="sync_all_columns") }}
select 1 || '-' || current_timestamp as key_now,
{% if is_incremental() %} 'eighteen_chars_abc' {% else %} 'twenty_characters_ab' {% endif %} as platform
`,
    });
    await p.run(['run', '--select', 'incremental_not_schema_change']);
    const again = await p.run(['run', '--select', 'incremental_not_schema_change']);
    expect(again.results.map((r) => r.status)).toEqual(['success']);
  });

  it('test_incremental: an unknown incremental_strategy fails naming the macro it looked for', async () => {
    const p = suiteProject(target, 'incremental_bad', {
      'seeds/base.csv': SEED_BASE,
      'models/incremental.sql': INCREMENTAL_BY_ID.replace(
        'materialized="incremental"',
        'materialized="incremental", incremental_strategy="bad_strategy"',
      ),
      'models/schema.yml': SOURCE_RAW_YML,
    });
    await p.run(['seed']);
    const run = await p.run(['run'], 1);
    expect(run.results).toHaveLength(1);
    expect(run.results[0]!.message).toContain(
      'could not find an incremental strategy macro with the name "get_incremental_bad_strategy_sql"',
    );
  });

  it('test_table_materialization: sort/dist configs are no-ops on a plain table', async () => {
    const people = [
      'id,first_name,email',
      ...Array.from({ length: 50 }, (_, i) => `${i + 1},P${i},p${i}@x.org`),
    ];
    const p = suiteProject(target, 'table_mat', {
      'seeds/seed.csv': `${people.join('\n')}\n`,
      'models/materialized.sql': `{{ config(materialized="table", sort='first_name', dist='first_name') }}
select * from {{ this.schema }}.seed
`,
    });
    expect((await p.run(['seed'])).results).toHaveLength(1);
    expect((await p.run(['run'])).results).toHaveLength(1);
    await p.expectRelationsEqual(['seed', 'materialized']);
  });
}
