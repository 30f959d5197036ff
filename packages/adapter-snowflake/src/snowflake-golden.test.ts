import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { NodeConfig } from '@tsmodel/core';
import {
  planIncrementalApply,
  planIncrementalStage,
  planSeed,
  planTable,
  planView,
  type Step,
} from '@tsmodel/core/materializations';
import { goldenCases, goldenFile, input, renderGolden } from '@tsmodel/core/testing';
import { STAGED_SEED_MIN_ROWS } from '@tsmodel/core/adapter';
import { snowflakeDialect } from './snowflake-dialect';

/** Snowflake's golden plans: every shared case, and the relation options only Snowflake has. */
const goldenDir = join(dirname(fileURLToPath(import.meta.url)), '__golden__');

const d = snowflakeDialect;
const cols = [
  { name: 'id', dataType: 'NUMBER(38,0)' },
  { name: 'amount', dataType: 'NUMBER(18,2)' },
];

function incremental(cfg: Partial<NodeConfig>): Step[] {
  const base = input(d, { materialized: 'incremental', ...cfg }, { existing: { kind: 'table' } });
  const stage = planIncrementalStage(base);
  if (stage.mode !== 'incremental') throw new Error('expected an incremental stage');
  return [
    ...stage.steps,
    ...planIncrementalApply({
      ...base,
      staging: stage.staging,
      columns: { existing: cols, incoming: cols },
    }),
  ];
}

const snowflakeCases: Record<string, () => Step[]> = {
  ...Object.fromEntries(Object.entries(goldenCases).map(([name, plan]) => [name, () => plan(d)])),
  'table-permanent': () =>
    planTable(input(d, { transient: false }, { existing: { kind: 'table' } })),
  'table-copy-grants-cluster-by': () =>
    planTable(
      input(
        d,
        {
          copy_grants: true,
          cluster_by: ['order_date', 'customer_id'],
          automatic_clustering: true,
        },
        { existing: { kind: 'table' } },
      ),
    ),
  'table-new-cluster-by': () => planTable(input(d, { cluster_by: 'to_date(ordered_at)' })),
  'view-secure-copy-grants': () =>
    planView(
      input(
        d,
        { materialized: 'view', secure: true, copy_grants: true },
        { existing: { kind: 'view' } },
      ),
    ),
  'incremental-insert-overwrite': () => incremental({ incremental_strategy: 'insert_overwrite' }),
  'incremental-merge-default': () => incremental({ unique_key: 'id' }),
  // From STAGED_SEED_MIN_ROWS rows on, a seed is uploaded and copied, not inserted row by row.
  'seed-new-staged': () => {
    const base = input(d, { materialized: 'seed' });
    return planSeed({
      ...base,
      csvTable: {
        columns: ['id', 'Name'],
        rows: Array.from({ length: STAGED_SEED_MIN_ROWS }, (_, i) => [String(i), `n${i}`]),
      },
      node: {
        ...base.node,
        relation: { ...base.node.relation, identifier: 'big_seed' },
        seedFile: '/project/seeds/big_seed.csv',
      },
    });
  },
};

describe('golden plans for snowflake', () => {
  it.each(Object.keys(snowflakeCases))('%s', (name) => {
    const actual = renderGolden(snowflakeCases[name]!(), d);
    expect(actual).toBe(goldenFile(join(goldenDir, `${name}.sql`), actual));
  });
});
