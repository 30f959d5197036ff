import { defineCommand } from './command';
import { eventTimeFlagTable, type EventTimeFlags } from './event-time-flags';
import { executeNodes } from './execute-nodes';

/** `tsmodel run`: builds the selected models in DAG order on `--threads` workers. */
export const runCommand = defineCommand<EventTimeFlags>({
  name: 'run',
  describe: 'Build the selected models in the warehouse',
  flagGroups: ['project', 'selection', 'execution'],
  flags: eventTimeFlagTable,
  run: (ctx) => executeNodes(ctx, 'run'),
});
