import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { RunCommand } from '@tsmodel/core';
import { EXIT_OK } from '../failure';
import type { GlobalFlags } from '../flags';
import { defineCommand, type CommandContext } from './command';
import type { EventTimeFlags } from './event-time-flags';
import { executeNodes } from './execute-nodes';

/** Statuses `retry` runs again: what failed, and what did not run because of it. */
const RETRIED = new Set(['error', 'fail', 'skipped', 'cancelled', 'partial success']);
const RETRYABLE_COMMANDS = new Set<RunCommand>(['run', 'build', 'seed', 'test', 'snapshot']);

interface LastRun {
  args: Record<string, unknown>;
  results: Array<{ unique_id: string; status: string; batch_results?: unknown }>;
}

/**
 * `tsmodel retry`: runs again the nodes of the last `run`/`build`/`seed`/`test` that failed
 * or were skipped or cancelled, with the flags that run used (`--target`, `--vars`,
 * `--full-refresh`, `--threads`, `--fail-fast`, `--state`, `--defer`, `--event-time-*`), as
 * dbt's `retry` does. Flags typed now win. A microbatch model builds only the batches that failed.
 */
export const retryCommand = defineCommand({
  name: 'retry',
  describe: 'Run again what failed or was skipped in the last run (target/run_results.json)',
  flagGroups: ['project', 'execution'],
  async run(ctx) {
    const { TsmodelError, batchesToRetry, loadProject } = await import('@tsmodel/core');
    const project = loadProject({
      projectDir: ctx.projectDir,
      ...(ctx.flags.targetPath !== undefined ? { targetPath: ctx.flags.targetPath } : {}),
      env: ctx.io.env,
      versionCheck: false,
    });
    const file = join(resolve(project.root.rootDir, project.root.targetPath), 'run_results.json');
    const shown = relative(ctx.io.cwd, file) || file;
    if (!existsSync(file)) {
      throw new TsmodelError({
        code: 'retry-no-results',
        message: `nothing to retry from: ${shown} does not exist`,
        location: { file: shown },
        hint: 'retry re-runs the failures of the last run, build, seed or test; run one first',
      });
    }
    const last = readLastRun(file, shown, TsmodelError);
    const which = last.args.which as RunCommand;
    if (!RETRYABLE_COMMANDS.has(which)) {
      throw new TsmodelError({
        code: 'retry-unsupported',
        message: `the last run_results.json is from \`${String(which)}\`, which retry cannot repeat`,
        location: { file: shown },
        hint: 'retry repeats run, build, seed, snapshot and test',
      });
    }
    const retried = last.results.filter((r) => RETRIED.has(r.status));
    const ids = retried.map((r) => r.unique_id);
    if (ids.length === 0) {
      ctx.reporter.info('retry-nothing', `Nothing to retry: the last ${which} had no failures`);
      return EXIT_OK;
    }
    ctx.reporter.info(
      'retry',
      `Retrying ${ids.length} node${ids.length === 1 ? '' : 's'} of the last ${which}`,
    );
    return executeNodes(withLastFlags(ctx, last.args), which, {
      only: ids,
      batches: batchesToRetry(retried),
    });
  },
});

function readLastRun(
  file: string,
  shown: string,
  TsmodelError: typeof import('@tsmodel/core').TsmodelError,
): LastRun {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new TsmodelError({
      code: 'retry-unreadable',
      message: `cannot read ${shown}: ${(cause as Error).message}`,
      location: { file: shown },
      hint: 'run the command again instead of retrying it',
      cause,
    });
  }
  const p = parsed as Partial<LastRun>;
  if (typeof p?.args !== 'object' || p.args === null || !Array.isArray(p.results)) {
    throw new TsmodelError({
      code: 'retry-unreadable',
      message: `${shown} is not a run_results.json (no args or results)`,
      location: { file: shown },
      hint: 'run the command again instead of retrying it',
    });
  }
  return p as LastRun;
}

/** The last run's flags, under the ones typed now (or set in the environment). */
function withLastFlags(ctx: CommandContext, args: Record<string, unknown>): CommandContext {
  const flags: GlobalFlags = { ...ctx.flags };
  const take = <K extends keyof GlobalFlags>(name: K, value: unknown, ok: boolean) => {
    if (ok && !ctx.explicitFlags.has(name)) flags[name] = value as GlobalFlags[K];
  };
  take('target', args.target, typeof args.target === 'string');
  take('vars', args.vars, typeof args.vars === 'string');
  take('fullRefresh', args.full_refresh, typeof args.full_refresh === 'boolean');
  take('failFast', args.fail_fast, typeof args.fail_fast === 'boolean');
  take('threads', args.threads, typeof args.threads === 'number');
  take('state', args.state, typeof args.state === 'string');
  take('defer', args.defer, typeof args.defer === 'boolean');
  take('favorState', args.favor_state, typeof args.favor_state === 'boolean');
  take('deferState', args.defer_state, typeof args.defer_state === 'string');
  const eventTime: EventTimeFlags = {
    ...(typeof args.event_time_start === 'string' ? { eventTimeStart: args.event_time_start } : {}),
    ...(typeof args.event_time_end === 'string' ? { eventTimeEnd: args.event_time_end } : {}),
  };
  return { ...ctx, flags: { ...flags, ...eventTime } };
}
