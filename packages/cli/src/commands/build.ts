import { defineCommand } from './command';
import { executeNodes } from './execute-nodes';

/**
 * `tsmodel build`: seeds, models and tests in one DAG walk; a model's unit tests run before
 * it and its data tests before its children, and a failed model or test skips everything
 * downstream of it.
 */
export const buildCommand = defineCommand({
  name: 'build',
  describe: 'Load seeds, build models and run tests, in DAG order',
  flagGroups: ['project', 'selection', 'execution'],
  run: (ctx) => executeNodes(ctx, 'build'),
});
