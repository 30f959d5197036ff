import { defineCommand } from './command';
import { executeNodes } from './execute-nodes';

/** `tsmodel run`: builds the selected models in DAG order on `--threads` workers. */
export const runCommand = defineCommand({
  name: 'run',
  describe: 'Build the selected models in the warehouse',
  flagGroups: ['project', 'selection', 'execution'],
  run: (ctx) => executeNodes(ctx, 'run'),
});
