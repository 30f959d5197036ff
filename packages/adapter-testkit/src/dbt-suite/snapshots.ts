import { awaitingSnapshots } from './awaiting';

/**
 * dbt's basic/test_snapshot_check_cols.py, test_snapshot_timestamp.py and the simple_snapshot
 * module: tsmodel parses snapshots but does not execute them yet (issue 14).
 */
export function registerSnapshots(): void {
  awaitingSnapshots('test_snapshot_check_cols: check_cols all / one column, across seed changes');
  awaitingSnapshots('test_snapshot_timestamp: the timestamp strategy, across seed changes');
  awaitingSnapshots(
    'simple_snapshot: hard deletes, new record modes, dbt_valid_to_current, configs',
  );
}
