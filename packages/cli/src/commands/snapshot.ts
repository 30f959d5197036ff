import { EXIT_OK, EXIT_USER_ERROR } from '../failure';
import { defineCommand } from './command';
import { compileWithWarnings, selectInDagOrder } from './core-options';
import { snapshotsNotRun } from './execute-nodes';

/**
 * `tsmodel snapshot`: snapshots are parsed and compiled, not executed yet. Rather than a green
 * run that took no snapshot (a scheduled job would lose history unseen), it names the selected
 * snapshots and exits 1; with none selected there is nothing to do.
 */
export const snapshotCommand = defineCommand({
  name: 'snapshot',
  describe: 'Snapshots are compiled but not executed yet: names the selected ones and exits 1',
  flagGroups: ['project', 'selection', 'execution'],
  async run(ctx) {
    const compiled = await compileWithWarnings(ctx, true);
    const core = await import('@tsmodel/core');
    const selected = core.keepResourceTypes(
      await selectInDagOrder(ctx, compiled),
      compiled.manifest,
      ['snapshot'],
    );
    if (selected.size === 0) {
      ctx.reporter.warn('nothing-to-do', 'Nothing to do: the selection has no snapshot nodes');
      return EXIT_OK;
    }
    const left = core.withoutSnapshots(selected, compiled.manifest);
    ctx.reporter.warn('snapshots-not-executed', snapshotsNotRun(left));
    return EXIT_USER_ERROR;
  },
});
