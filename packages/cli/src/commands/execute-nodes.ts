/**
 * The body shared by `run`, `build`, `seed` and `test`: compile, select, keep the command's
 * resource types, run them on the target's adapter, print progress and the summary, and turn
 * the outcome into an exit code. Ctrl-C aborts the run: running queries are cancelled and the
 * rest is skipped, and run_results.json is still written.
 */
import type { ResourceType, RunCommand } from '@tsmodel/core';
import { EXIT_OK, EXIT_USER_ERROR } from '../failure';
import type { CommandContext } from './command';
import { compileWithWarnings, selectInDagOrder } from './core-options';
import { printSummary, progressPrinter } from './run-progress';

const RESOURCE_TYPES: Record<RunCommand, readonly ResourceType[]> = {
  run: ['model'],
  build: ['model', 'seed', 'test'],
  seed: ['seed'],
  test: ['test'],
};

export async function executeNodes(ctx: CommandContext, command: RunCommand): Promise<number> {
  const { flags, reporter, io } = ctx;
  const compiled = await compileWithWarnings(ctx, true);
  const core = await import('@tsmodel/core');
  const selected = core.keepResourceTypes(
    await selectInDagOrder(ctx, compiled),
    compiled.manifest,
    RESOURCE_TYPES[command],
  );
  if (selected.size === 0) {
    reporter.warn(
      'nothing-to-do',
      `Nothing to do: the selection has no ${RESOURCE_TYPES[command].join('/')} nodes`,
    );
    return EXIT_OK;
  }
  const factory = await core.loadAdapter(compiled.profile.target.type);
  const adapter = factory.create(compiled.profile.target, {
    projectRoot: compiled.project.root.rootDir,
    invocationId: compiled.engine.options.invocationId,
    onNotice: (notice) =>
      notice.level === 'warn'
        ? reporter.warn(notice.code, notice.message)
        : reporter.info(notice.code, notice.message),
  });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const color = flags.color && io.isTTY && !io.env.NO_COLOR;
  try {
    const outcome = await core.executeRun({
      compiled,
      adapter,
      selected,
      command,
      ...(flags.threads !== undefined ? { threads: flags.threads } : {}),
      fullRefresh: flags.fullRefresh,
      failFast: flags.failFast,
      wait: flags.wait,
      signal: controller.signal,
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
      },
    });
    printSummary(reporter, outcome.results, outcome.totals, outcome.elapsed, outcome.cancelled);
    return outcome.totals.error > 0 || outcome.cancelled ? EXIT_USER_ERROR : EXIT_OK;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await adapter.close();
  }
}
