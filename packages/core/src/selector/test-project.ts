/**
 * The sample project and small helpers shared by the selector tests.
 */
import { TsmodelError } from '../diagnostics';
import type { Graph } from '../graph/graph';
import type { Manifest } from '../manifest/types';
import { selectNodes } from './apply';
import { ManifestBuilder } from './test-fixtures';
import type { SelectionOptions } from './types';

/**
 * A jaffle-shop-like project used across selector tests:
 *
 * ```
 * source raw.orders ─► stg_orders ─► int_orders (ephemeral) ─► orders ─► order_summary
 * source raw.customers ─► stg_customers ─► customers ─────────┘ (orders also refs stg_customers, country_codes)
 * stg_top (models root), seed country_codes, snapshot orders_snapshot ◄─ stg_orders
 * package segment: source segment.tracks ─► segment_sessions (folder sessions)
 * tests: unique_orders_order_id, not_null_stg_orders_id, relationships_orders_customers,
 *        not_null_raw_orders_id (source), singular assert_positive_total (orders)
 * ```
 */
export function sampleProject(): { manifest: Manifest; graph: Graph } {
  return new ManifestBuilder('my_project')
    .source('raw', 'orders', { folder: 'staging' })
    .source('raw', 'customers', { folder: 'staging' })
    .source('segment', 'tracks', { package: 'segment', folder: 'sessions' })
    .seed('country_codes', { tags: ['reference'] })
    .model('stg_orders', {
      folder: 'staging',
      sources: ['raw.orders'],
      tags: ['staging', 'nightly'],
    })
    .model('stg_customers', {
      folder: 'staging',
      sources: ['raw.customers'],
      tags: ['staging'],
      patchPath: 'my_project://models/staging/schema.yml',
    })
    .model('stg_top', { tags: ['legacy'] })
    .model('int_orders', {
      folder: 'marts/intermediate',
      refs: ['stg_orders'],
      config: { materialized: 'ephemeral' },
    })
    .model('orders', {
      folder: 'marts',
      refs: ['int_orders', 'stg_customers', 'country_codes'],
      tags: ['finance', 'nightly'],
      config: {
        materialized: 'incremental',
        unique_key: ['order_id', 'line_id'],
        on_schema_change: 'fail',
        meta: { owner: 'finance', contains_pii: true },
      },
    })
    .model('customers', {
      folder: 'marts',
      refs: ['stg_customers'],
      config: { materialized: 'table', meta: { contains_pii: false } },
    })
    .model('order_summary', {
      folder: 'marts',
      refs: ['orders', 'customers'],
      config: { materialized: 'table', tags: ['finance'] },
      tags: ['finance'],
    })
    .snapshot('orders_snapshot', { refs: ['stg_orders'] })
    .model('segment_sessions', {
      package: 'segment',
      folder: 'sessions',
      sources: ['segment.tracks'],
      tags: ['sessions'],
    })
    .genericTest('unique', { refs: ['orders'], column: 'order_id' })
    .genericTest(
      'not_null',
      { refs: ['stg_orders'], column: 'id' },
      { folder: 'staging', config: { severity: 'warn' } },
    )
    .genericTest('relationships', { refs: ['orders', 'customers'], column: 'customer_id' })
    .genericTest('not_null', { sources: ['raw.orders'], column: 'id' }, { folder: 'staging' })
    .singularTest('assert_positive_total', { refs: ['orders'] })
    .build();
}

/** Node names (sorted; sources as `source_name.table`) of a set of unique ids, for readable assertions. */
export function names(ids: Iterable<string>, manifest: Manifest): string[] {
  return [...ids]
    .map((id) => {
      const source = manifest.sources[id];
      return source ? `${source.source_name}.${source.name}` : (manifest.nodes[id]?.name ?? id);
    })
    .sort();
}

/** Names selected by `select` values on a built project; indirect selection `empty` unless given. */
export function selectNames(
  project: { manifest: Manifest; graph: Graph },
  select: string | string[],
  options: Partial<SelectionOptions> = {},
): string[] {
  const result = selectNodes(project.manifest, project.graph, {
    select: typeof select === 'string' ? [select] : select,
    rootProject: project.manifest.metadata.project_name,
    indirectSelection: 'empty',
    ...options,
  });
  return names(result.selected, project.manifest);
}

/** Runs `fn` and returns the TsmodelError it throws (fails the test when it throws nothing else). */
export function errorOf(fn: () => unknown): TsmodelError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TsmodelError) return e;
    throw e;
  }
  throw new Error('expected a TsmodelError to be thrown');
}
