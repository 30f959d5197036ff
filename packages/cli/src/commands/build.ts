import { defineCommand } from './command';
import { eventTimeFlagTable, type EventTimeFlags } from './event-time-flags';
import { executeNodes } from './execute-nodes';

/**
 * `tsmodel build`: seeds, models and tests in one DAG walk; a model's unit tests run before
 * it and its data tests before its children, and a failed model or test skips everything
 * downstream of it.
 */
export const buildCommand = defineCommand<EventTimeFlags>({
  name: 'build',
  describe: 'Load seeds, build models and run tests, in DAG order',
  flagGroups: ['project', 'selection', 'execution'],
  flags: eventTimeFlagTable,
  run: (ctx) => executeNodes(ctx, 'build'),
});
