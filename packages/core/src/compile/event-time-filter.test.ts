import { describe, expect, it } from 'vitest';
import type { ManifestNode } from '../manifest/types';
import { SqlFinalizer } from './sql-finalizer';
import { MARK, encodeKey, type RelationKey } from '../templating/relation-placeholder';

const marker = (key: RelationKey) => `${MARK}${encodeKey(key)}${MARK}`;
const ref = (name: string) => marker({ kind: 'ref', caller: 'p', name });

const node = (name: string, config: Record<string, unknown>): ManifestNode =>
  ({
    unique_id: `model.p.${name}`,
    resource_type: 'model',
    name,
    config: { materialized: 'table', ...config },
    relation: { schema: 'main', identifier: name },
  }) as unknown as ManifestNode;

/** One batch of a microbatch model: its parents with event_time read only the window. */
describe("SqlFinalizer in a microbatch batch (dbt's render_event_time_filtered)", () => {
  const events = node('events', { event_time: 'occurred_at' });
  const rates = node('rates', {});
  const eph = node('eph', { materialized: 'ephemeral', event_time: 'ts' });
  const model = node('daily', { materialized: 'incremental', event_time: 'day' });
  const nodes = new Map([events, rates, eph, model].map((n) => [n.unique_id, n]));
  const sql = `select * from ${ref('events')} e join ${ref('rates')} r on true join ${ref('eph')} x on true where not exists (select 1 from ${marker({ kind: 'this' })})`;
  const finalizer = (empty: boolean, alias: boolean) =>
    new SqlFinalizer(
      nodes,
      new Map([[eph.unique_id, 'select 1 as ts']]),
      (_caller, key) => (key.kind === 'ref' ? nodes.get(`model.p.${key.name}`) : undefined),
      (rel) => `${rel.schema}.${rel.identifier}`,
      empty,
      alias,
    );
  const batch = { start: new Date('2024-01-01T00:00:00Z'), end: new Date('2024-01-02T00:00:00Z') };

  it('filters parents that set event_time, never those without it or this', () => {
    const out = finalizer(false, false).finalize(model, sql, batch);
    expect(out).toContain(
      "from (select * from main.events where occurred_at >= '2024-01-01 00:00:00+00:00' and occurred_at < '2024-01-02 00:00:00+00:00') e",
    );
    expect(out).toContain('join main.rates r');
    expect(out).toContain(
      "join (select * from __dbt__cte__eph where ts >= '2024-01-01 00:00:00+00:00' and ts < '2024-01-02 00:00:00+00:00') x",
    );
    expect(out).toContain('select 1 from main.daily)');
  });

  it('names the subquery where the engine needs an alias, around --empty', () => {
    const bare = `select * from ${ref('events')}\nwhere 1 = 1 union all select * from ${ref('events')})`;
    const out = finalizer(true, true).finalize(model, bare, batch);
    expect(out).toContain(
      "(select * from (select * from main.events where false limit 0) _dbt_limit_subq_events where occurred_at >= '2024-01-01 00:00:00+00:00' and occurred_at < '2024-01-02 00:00:00+00:00') _dbt_et_filter_subq_events\nwhere",
    );
    expect(out).toMatch(/_dbt_et_filter_subq_events\)$/);
  });

  it('leaves the name out where the SQL names the relation itself (a second alias is an error)', () => {
    const out = finalizer(false, true).finalize(model, sql, batch);
    expect(out).toContain("< '2024-01-02 00:00:00+00:00') e join main.rates r");
    const withAs = finalizer(false, true).finalize(
      model,
      `select * from ${ref('events')} AS "E"`,
      batch,
    );
    expect(withAs).toMatch(/00:00'\) AS "E"$/);
  });

  it('reads whole tables outside a batch', () => {
    expect(finalizer(false, false).finalize(model, sql)).toContain('from main.events e');
  });
});
