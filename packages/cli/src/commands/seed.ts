import { defineCommand } from './command';
import { executeNodes } from './execute-nodes';

/** `tsmodel seed`: loads the selected CSV seeds through the engine's own CSV reader. */
export const seedCommand = defineCommand({
  name: 'seed',
  describe: 'Load CSV seeds into the warehouse',
  flagGroups: ['project', 'selection', 'execution'],
  run: (ctx) => executeNodes(ctx, 'seed'),
});
