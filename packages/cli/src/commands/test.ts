import { defineCommand } from './command';
import { executeNodes } from './execute-nodes';

/** `tsmodel test`: runs the selected data tests (generic and singular) and unit tests. */
export const testCommand = defineCommand({
  name: 'test',
  describe: 'Run data tests against the built models, and unit tests on fixture rows',
  flagGroups: ['project', 'selection', 'execution'],
  run: (ctx) => executeNodes(ctx, 'test'),
});
