/**
 * The body shared by `run`, `build`, `seed`, `snapshot` and `test`: compile, select, keep the command's
 * resource types, run them on the target's adapter, print progress and the summary, and turn
 * the outcome into an exit code. Ctrl-C, SIGTERM and SIGHUP abort the run alike: running
 * queries are cancelled (those nodes end `cancelled`), the rest is skipped, staging is dropped,
 * run_results.json is still written, and the exit code is the shell's 128 + signal number.
 */
import { resolve } from 'node:path';
import type {
  Adapter,
  ExecuteRunOptions,
  NodeResult,
  ResourceType,
  RunCommand,
} from '@tsmodel/core';
import type { EventTimeFlags } from './event-time-flags';
import { EXIT_OK, EXIT_USER_ERROR } from '../failure';
import { cancelOnSignals, signalExitCode, type CancelOnSignals } from './cancel-signals';
import type { CommandContext } from './command';
import { compileWithWarnings, selectInDagOrder } from './core-options';
import { printSummary, progressPrinter } from './run-progress';
import { targetLine } from './target-summary';
import { createAdapter } from '../adapters';
import { applyDeferral } from './defer';
import { cloneState } from './clone-state';

const RESOURCE_TYPES: Record<RunCommand, readonly ResourceType[]> = {
  run: ['model'],
  build: ['model', 'seed', 'snapshot', 'test', 'unit_test'],
  seed: ['seed'],
  test: ['test', 'unit_test'],
  snapshot: ['snapshot'],
  clone: ['model', 'seed', 'snapshot'],
};

/**
 * What `retry` hands over instead of the selection flags: the unique ids to run again, and the
 * failed batches of microbatch models (only those are built again).
 */
export interface RunOverride {
  only: readonly string[];
  batches?: ExecuteRunOptions['retryBatches'];
}

/** What a command prints of the run before its summary (`seed --show`: the seeds' rows). */
export type AfterRun = (run: {
  compiled: Awaited<ReturnType<typeof compileWithWarnings>>;
  adapter: Adapter;
  results: readonly NodeResult[];
}) => Promise<void>;

export async function executeNodes(
  ctx: CommandContext,
  command: RunCommand,
  override?: RunOverride,
  afterRun?: AfterRun,
): Promise<number> {
  // Listening from the start: a signal during compile cancels the run before it begins.
  const cancel = cancelOnSignals();
  try {
    const code = await compileAndRun(ctx, command, cancel, override, afterRun);
    const by = cancel.received();
    return by ? signalExitCode(by) : code;
  } finally {
    cancel.dispose();
  }
}

async function compileAndRun(
  ctx: CommandContext,
  command: RunCommand,
  cancel: CancelOnSignals,
  override?: RunOverride,
  afterRun?: AfterRun,
): Promise<number> {
  const { flags, reporter, io } = ctx;
  const cloneFrom = command === 'clone' ? await cloneState(ctx) : undefined;
  const core = await import('@tsmodel/core');
  const { eventTimeStart, eventTimeEnd } = flags as Partial<EventTimeFlags>;
  // Before compiling: a mistyped backfill window fails at once.
  const eventTimeRange = core.eventTimeRange(eventTimeStart, eventTimeEnd);
  const compiled = await compileWithWarnings(ctx, true);
  const chosen = override
    ? inDagOrder(compiled, override.only)
    : await selectInDagOrder(ctx, compiled);
  const selected = core.keepResourceTypes(chosen, compiled.manifest, RESOURCE_TYPES[command]);
  if (selected.size === 0) {
    reporter.warn(
      'nothing-to-do',
      `Nothing to do: the selection has no ${RESOURCE_TYPES[command].join('/')} nodes`,
    );
    // As dbt: the artifact says this invocation ran nothing, so no reader sees the last run's.
    const root = compiled.project.root;
    await core.writeRunResults(
      resolve(root.rootDir, root.targetPath),
      core.runResultsArtifact({
        results: [],
        elapsed: 0,
        invocationId: compiled.engine.options.invocationId,
        args: { which: command, select: flags.select ?? [], exclude: flags.exclude ?? [] },
      }),
      new core.Redactor(core.collectSecrets(compiled.profile.target, io.env)),
    );
    return EXIT_OK;
  }
  reporter.info('target', targetLine(compiled.profile, io.cwd), {
    target: compiled.profile.target.name,
    type: compiled.profile.target.type,
  });
  const adapter = await createAdapter(compiled.profile.target, {
    projectRoot: compiled.project.root.rootDir,
    invocationId: compiled.engine.options.invocationId,
    onNotice: (notice) =>
      notice.level === 'warn'
        ? reporter.warn(notice.code, notice.message)
        : reporter.info(notice.code, notice.message),
  });
  const color = flags.color && io.isTTY && !io.env.NO_COLOR;
  try {
    if (flags.defer) await applyDeferral(ctx, compiled, adapter, selected);
    const outcome = await core.executeRun({
      compiled,
      adapter,
      selected,
      command,
      ...(flags.threads !== undefined ? { threads: flags.threads } : {}),
      fullRefresh: flags.fullRefresh,
      ...(cloneFrom ? { clone: { state: cloneFrom } } : {}),
      empty: flags.empty,
      storeFailures: flags.storeFailures,
      failFast: flags.failFast,
      wait: flags.wait,
      signal: cancel.signal,
      ...(eventTimeRange ? { eventTimeRange } : {}),
      ...(override?.batches ? { retryBatches: override.batches } : {}),
      onEvent: progressPrinter(reporter, color),
      ...(flags.debug
        ? {
            onStatement: (s) =>
              reporter.debug('statement', s.sql, {
                label: s.label,
                connection: s.connection,
                ...(s.node !== undefined ? { unique_id: s.node } : {}),
                ...(s.params !== undefined ? { params: s.params } : {}),
              }),
          }
        : {}),
      args: {
        select: flags.select ?? [],
        exclude: flags.exclude ?? [],
        ...(flags.selector !== undefined ? { selector: flags.selector } : {}),
        ...(flags.target !== undefined ? { target: flags.target } : {}),
        ...(flags.vars !== undefined ? { vars: flags.vars } : {}),
        full_refresh: flags.fullRefresh,
        fail_fast: flags.failFast,
        ...(flags.threads !== undefined ? { threads: flags.threads } : {}),
        ...(flags.state !== undefined ? { state: flags.state } : {}),
        ...(flags.defer ? { defer: true, favor_state: flags.favorState } : {}),
        ...(flags.deferState !== undefined ? { defer_state: flags.deferState } : {}),
        ...(eventTimeStart !== undefined ? { event_time_start: eventTimeStart } : {}),
        ...(eventTimeEnd !== undefined ? { event_time_end: eventTimeEnd } : {}),
      },
    });
    const by = cancel.received();
    if (!by) await afterRun?.({ compiled, adapter, results: outcome.results });
    printSummary(reporter, outcome.results, outcome.totals, outcome.elapsed, by);
    return outcome.totals.error > 0 ? EXIT_USER_ERROR : EXIT_OK;
  } finally {
    await adapter.close();
  }
}

/** `ids` that still exist in the project, parents before children. */
function inDagOrder(
  compiled: Awaited<ReturnType<typeof compileWithWarnings>>,
  ids: readonly string[],
): string[] {
  const wanted = new Set(ids);
  const ordered = compiled.graph.topologicalOrder().filter((id) => wanted.has(id));
  const inGraph = new Set(ordered);
  const rest = ids.filter((id) => !inGraph.has(id) && compiled.manifest.nodes[id] !== undefined);
  return [...ordered, ...rest.sort()];
}
