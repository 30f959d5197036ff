import { defineCommand } from './command';
import { executeNodes } from './execute-nodes';
import { showSeeds } from './seed-show';

interface SeedFlags {
  show?: boolean;
}

/** `tsmodel seed`: loads the selected CSV seeds through the engine's own CSV reader. */
export const seedCommand = defineCommand<SeedFlags>({
  name: 'seed',
  describe: 'Load CSV seeds into the warehouse',
  flagGroups: ['project', 'selection', 'execution'],
  flags: {
    show: { type: 'boolean', description: 'Print the first rows of each seed once loaded' },
  },
  run: (ctx) =>
    executeNodes(
      ctx,
      'seed',
      undefined,
      ctx.flags.show
        ? ({ compiled, adapter, results }) => showSeeds(ctx.reporter, compiled, adapter, results)
        : undefined,
    ),
});
