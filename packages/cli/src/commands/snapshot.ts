import { defineCommand } from './command';
import { executeNodes } from './execute-nodes';

/**
 * `tsmodel snapshot`: takes the selected snapshots in DAG order (SCD type 2 tables, as dbt's);
 * `--full-refresh` does not rebuild them, as in dbt.
 */
export const snapshotCommand = defineCommand({
  name: 'snapshot',
  describe: 'Take the selected snapshots: record changed and deleted rows in their history tables',
  flagGroups: ['project', 'selection', 'execution'],
  run: (ctx) => executeNodes(ctx, 'snapshot'),
});
