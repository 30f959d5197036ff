import { defineCommand } from './command';
import { executeNodes } from './execute-nodes';

/**
 * `tsmodel clone --state DIR`: dbt's clone — each selected model, seed and snapshot becomes a
 * copy of the relation the state's run built (a zero-copy clone on Snowflake, a view of it
 * elsewhere); relations that exist here are kept unless `--full-refresh`.
 */
export const cloneCommand = defineCommand({
  name: 'clone',
  describe: "Copy the selected nodes' relations from an earlier run (--state): clones or views",
  flagGroups: ['project', 'selection', 'execution'],
  run: (ctx) => executeNodes(ctx, 'clone'),
});
