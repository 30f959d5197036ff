import { describe, expect, it } from 'vitest';
import type { Dialect } from '../adapter/dialect';
import { duckdbDialect } from '../adapter/dialects/duckdb';
import { postgresDialect } from '../adapter/dialects/postgres';
import { TsmodelError } from '../diagnostics';
import type { NodeConfig } from '../manifest/types';
import {
  planSnapshotApply,
  planSnapshotCreate,
  planSnapshotStaging,
  snapshotColumnsProbe,
  snapshotNeedsQueryColumns,
  type SnapshotPlanInput,
} from './snapshot';
import { snapshotSpec } from './snapshot-config';

function input(cfg: Partial<NodeConfig>, dialect: Dialect = postgresDialect): SnapshotPlanInput {
  return {
    node: {
      unique_id: 'snapshot.shop.orders_snap',
      relation: { schema: 'snapshots', identifier: 'orders_snap' },
      config: {
        enabled: true,
        materialized: 'snapshot',
        tags: [],
        pre_hook: [],
        post_hook: [],
        meta: {},
        ...cfg,
      },
      sql: 'select * from raw.orders',
    },
    dialect,
  };
}

const TIMESTAMP = { strategy: 'timestamp', unique_key: 'id', updated_at: 'updated_at' };
const cols = (...names: string[]) => names.map((name) => ({ name, dataType: 'text' }));
const TABLE = cols(
  'id',
  'name',
  'updated_at',
  'dbt_scd_id',
  'dbt_updated_at',
  'dbt_valid_from',
  'dbt_valid_to',
);

function thrown(fn: () => unknown): TsmodelError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TsmodelError) return e;
    throw e;
  }
  throw new Error('expected a TsmodelError');
}

describe('snapshotSpec', () => {
  it('reads dbt defaults: ignore deletes, dbt_ column names, a single key', () => {
    expect(snapshotSpec(input(TIMESTAMP).node.config, 'snapshot.shop.s')).toEqual({
      strategy: 'timestamp',
      uniqueKey: ['id'],
      keyIsList: false,
      updatedAt: 'updated_at',
      hardDeletes: 'ignore',
      columnNames: {
        dbt_valid_from: 'dbt_valid_from',
        dbt_valid_to: 'dbt_valid_to',
        dbt_scd_id: 'dbt_scd_id',
        dbt_updated_at: 'dbt_updated_at',
        dbt_is_deleted: 'dbt_is_deleted',
      },
    });
  });

  it('merges snapshot_meta_column_names over the defaults and keeps a list key a list', () => {
    const spec = snapshotSpec(
      input({
        ...TIMESTAMP,
        unique_key: ['id'],
        snapshot_meta_column_names: { dbt_valid_to: 'valid_to' },
      }).node.config,
      'snapshot.shop.s',
    );
    expect(spec.keyIsList).toBe(true);
    expect(spec.columnNames.dbt_valid_to).toBe('valid_to');
    expect(spec.columnNames.dbt_valid_from).toBe('dbt_valid_from');
  });
});

describe('snapshot planners', () => {
  it('creates the table in one transactional statement, of every row current', () => {
    const [create, ...rest] = planSnapshotCreate(input(TIMESTAMP));
    expect(rest).toEqual([]);
    expect(create).toMatchObject({ kind: 'create', transactional: true });
    expect(create!.sql).toContain(
      'coalesce(nullif(updated_at, updated_at), null) as "dbt_valid_to"',
    );
  });

  it('reads the query columns only where staging needs them', () => {
    expect(snapshotNeedsQueryColumns(input(TIMESTAMP))).toBe(false);
    expect(snapshotNeedsQueryColumns(input({ ...TIMESTAMP, hard_deletes: 'new_record' }))).toBe(
      true,
    );
    expect(
      snapshotNeedsQueryColumns(input({ strategy: 'check', unique_key: 'id', check_cols: 'all' })),
    ).toBe(true);
    expect(snapshotColumnsProbe('select 1 as id -- trailing comment')).toBe(
      'select * from (\nselect 1 as id -- trailing comment\n) as dbt_sbq where 1 = 0',
    );
  });

  it('stages outside the transaction and applies in it, dropping staging after', () => {
    const plan = input(TIMESTAMP);
    const stage = planSnapshotStaging({ ...plan, tableColumns: TABLE });
    expect(stage.staging.identifier).toBe('orders_snap__tsmodel_tmp');
    expect(stage.steps.map((s) => [s.kind, s.transactional])).toEqual([['create', false]]);
    const apply = planSnapshotApply({
      ...plan,
      staging: stage.staging,
      tableColumns: TABLE,
      stagingColumns: [
        ...cols('dbt_change_type'),
        ...TABLE.slice(0, 3),
        ...cols('tier', 'dbt_unique_key'),
        ...TABLE.slice(3),
      ],
    });
    expect(apply.map((s) => [s.label, s.transactional])).toEqual([
      ['add new columns', true],
      ['close changed rows', true],
      ['insert new versions', true],
      ['drop staging', false],
    ]);
    expect(apply[0]!.sql).toBe('alter table "snapshots"."orders_snap" add column "tier" text');
    // The staging table's own columns are never written to the snapshot.
    expect(apply[2]!.sql).not.toMatch(/dbt_change_type"|dbt_unique_key/);
  });

  it('names configured columns as the engine stores them; a quoted name keeps its case', () => {
    const plan = input(
      {
        ...TIMESTAMP,
        snapshot_meta_column_names: { dbt_valid_to: 'TEST_VALID_TO', dbt_scd_id: '"Version"' },
      },
      postgresDialect,
    );
    const table = cols('id', 'Version', 'dbt_updated_at', 'dbt_valid_from', 'test_valid_to');
    const sql = planSnapshotStaging({ ...plan, tableColumns: table }).steps[0]!.sql;
    expect(sql).toContain('where "test_valid_to" is null');
    expect(sql).toContain('as "Version"');
    expect(planSnapshotCreate(input(plan.node.config, duckdbDialect))[0]!.sql).toContain(
      'as "TEST_VALID_TO"',
    );
  });

  it("fails with dbt's words when the table lacks a configured column", () => {
    const err = thrown(() =>
      planSnapshotStaging({
        ...input({ ...TIMESTAMP, hard_deletes: 'new_record' }),
        tableColumns: TABLE,
        queryColumns: ['id', 'name', 'updated_at'],
      }),
    );
    expect(err.message).toBe(
      'Compilation Error in snapshot orders_snap: Snapshot target is missing configured columns (missing "dbt_is_deleted")',
    );
    expect(err.hint).toContain('new_record needs the column');
    const renamed = thrown(() =>
      planSnapshotStaging({
        ...input({ ...TIMESTAMP, snapshot_meta_column_names: { dbt_valid_from: 'valid_from' } }),
        tableColumns: TABLE,
      }),
    );
    expect(renamed.message).toContain('(missing "valid_from")');
  });

  it('check_cols naming a column the query lacks is an error naming the columns it has', () => {
    const err = thrown(() =>
      planSnapshotStaging({
        ...input({ strategy: 'check', unique_key: 'id', check_cols: ['nmae'] }),
        tableColumns: TABLE,
        queryColumns: ['id', 'name', 'updated_at'],
      }),
    );
    expect(err.message).toContain(
      'check_cols names nmae, which the snapshot query does not return',
    );
    expect(err.hint).toBe("the query's columns: id, name, updated_at");
  });
});
