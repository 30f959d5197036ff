/**
 * `--defer`: before a run, points the unselected parents the selection reads at the
 * `--state` (or `--defer-state`) run's relations where this target has not built them — dbt's
 * slim CI, `build -s state:modified+ --defer --state prod/`. Deciding is core's; this reads
 * the state and says what was deferred.
 */
import { resolve } from 'node:path';
import type { Adapter } from '@tsmodel/core';
import type { CommandContext } from './command';
import type { compileWithWarnings } from './core-options';
import { readState } from './state';
import { plural } from '../plural';

export async function applyDeferral(
  ctx: CommandContext,
  compiled: Awaited<ReturnType<typeof compileWithWarnings>>,
  adapter: Adapter,
  selected: ReadonlySet<string>,
): Promise<void> {
  const { flags, reporter, io } = ctx;
  const core = await import('@tsmodel/core');
  const dir = flags.deferState ?? flags.state;
  if (dir === undefined)
    throw new core.TsmodelError({
      code: 'defer-without-state',
      message: '--defer needs the artifacts of an earlier run to read parents from',
      hint: 'add --state DIR (or --defer-state DIR): the target/ directory of a production run',
    });
  const state = await readState(resolve(io.cwd, dir));
  const deferred = await core.resolveDeferral({
    adapter,
    manifest: compiled.manifest,
    selected,
    state: state.manifest!,
    favorState: flags.favorState,
  });
  if (deferred.length === 0) {
    reporter.info('defer', 'Deferring nothing: every parent the selection reads is built here');
    return;
  }
  compiled.relocate(new Map(deferred.map((d) => [d.uniqueId, d.relation])));
  const names = deferred.map(
    (d) =>
      `${compiled.manifest.nodes[d.uniqueId]!.name} → ${adapter.dialect.renderRelation(d.relation)}`,
  );
  reporter.info(
    'defer',
    `Deferring ${plural(deferred.length, 'unselected parent')} to ${dir}: ${names.join(', ')}`,
  );
}
