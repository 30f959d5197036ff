import type { ColumnDef, Dialect } from '../adapter/dialect';
import type { NodeConfig } from '../manifest/types';
import {
  planSnapshotApply,
  planSnapshotCreate,
  planSnapshotStaging,
  type SnapshotPlanInput,
} from '../materializations/snapshot';
import { keyColumnNames } from '../materializations/snapshot-sql';
import { snapshotSpec } from '../materializations/snapshot-config';
import type { Step } from '../materializations/step';

/**
 * Golden plans of snapshots (see golden-plans.ts): the first run, and a later run's staging
 * and apply for each strategy, hard_deletes mode and column config. Test support only.
 */

function snapshotInput(dialect: Dialect, cfg: Partial<NodeConfig>): SnapshotPlanInput {
  return {
    node: {
      unique_id: 'snapshot.shop.orders_snapshot',
      relation: { database: 'warehouse', schema: 'snapshots', identifier: 'orders_snapshot' },
      config: {
        enabled: true,
        materialized: 'snapshot',
        tags: [],
        pre_hook: [],
        post_hook: [],
        meta: {},
        ...cfg,
      },
      sql: 'select id, status, amount, updated_at from "warehouse"."raw"."orders"',
    },
    dialect,
  };
}

const col = (name: string, dataType = 'TEXT'): ColumnDef => ({ name, dataType });
const QUERY = ['id', 'status', 'amount', 'updated_at'];

/** A snapshot table as a first run of `cfg` built it. */
function tableColumns(input: SnapshotPlanInput): ColumnDef[] {
  const spec = snapshotSpec(input.node.config, input.node.unique_id);
  const n = spec.columnNames;
  return [
    ...QUERY.map((c) => col(c)),
    col(n.dbt_scd_id),
    col(n.dbt_updated_at, 'TIMESTAMP'),
    col(n.dbt_valid_from, 'TIMESTAMP'),
    col(n.dbt_valid_to, 'TIMESTAMP'),
    ...(spec.hardDeletes === 'new_record' ? [col(n.dbt_is_deleted)] : []),
  ];
}

/** A later run: the query (with `newColumns` added since), staged and applied. */
function laterRun(dialect: Dialect, cfg: Partial<NodeConfig>, newColumns: string[] = []): Step[] {
  const input = snapshotInput(dialect, cfg);
  const spec = snapshotSpec(input.node.config, input.node.unique_id);
  const table = tableColumns(input);
  const stage = planSnapshotStaging({
    ...input,
    tableColumns: table,
    queryColumns: [...QUERY, ...newColumns],
  });
  const added = newColumns.map((c) => col(c, 'VARCHAR'));
  const stagingColumns = [
    col('dbt_change_type'),
    ...table.slice(0, QUERY.length),
    ...added,
    ...keyColumnNames(spec).map((k) => col(k)),
    ...table.slice(QUERY.length),
  ];
  return [
    ...stage.steps,
    ...planSnapshotApply({ ...input, staging: stage.staging, tableColumns: table, stagingColumns }),
  ];
}

const timestamp = { strategy: 'timestamp', unique_key: 'id', updated_at: 'updated_at' };

export const snapshotGoldenCases: Record<string, (d: Dialect) => Step[]> = {
  'snapshot-first-run': (d) => planSnapshotCreate(snapshotInput(d, timestamp)),
  'snapshot-first-run-check-new-record': (d) =>
    planSnapshotCreate(
      snapshotInput(d, {
        strategy: 'check',
        unique_key: 'id',
        check_cols: 'all',
        hard_deletes: 'new_record',
        dbt_valid_to_current: "cast('9999-12-31' as timestamp)",
      }),
    ),
  'snapshot-timestamp': (d) => laterRun(d, timestamp),
  'snapshot-timestamp-invalidate-composite-key-new-column': (d) =>
    laterRun(d, { ...timestamp, unique_key: ['id', 'status'], hard_deletes: 'invalidate' }, [
      'currency',
    ]),
  'snapshot-check-cols-new-record': (d) =>
    laterRun(d, {
      strategy: 'check',
      unique_key: 'id',
      check_cols: ['status', 'amount'],
      hard_deletes: 'new_record',
    }),
  'snapshot-check-all-column-added': (d) =>
    laterRun(d, { strategy: 'check', unique_key: 'id', check_cols: 'all' }, ['currency']),
  'snapshot-meta-column-names-valid-to-current': (d) =>
    laterRun(d, {
      ...timestamp,
      dbt_valid_to_current: "cast('9999-12-31' as timestamp)",
      snapshot_meta_column_names: {
        dbt_valid_from: 'valid_from',
        dbt_valid_to: 'valid_to',
        dbt_scd_id: 'version_id',
        dbt_updated_at: 'changed_at',
      },
    }),
};
