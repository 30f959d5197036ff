import { resolve } from 'node:path';
import { createAdapter } from '../adapters';
import { EXIT_OK, EXIT_USER_ERROR } from '../failure';
import { defineCommand } from './command';
import { compileWithWarnings, hasSelectionFlags, selectInDagOrder } from './core-options';
import { targetLine } from './target-summary';

interface SourceFlags {
  output?: string;
}

const STATUS_WORD = { pass: 'PASS', warn: 'WARN', error: 'ERROR STALE', 'runtime error': 'ERROR' };

/**
 * `tsmodel source freshness`: how old each selected source's newest row is, against its
 * `warn_after` / `error_after`; writes `target/sources.json` (dbt's format). Exit 1 when a
 * source is past `error_after` or could not be checked; `warn` keeps exit 0, as in dbt.
 */
export const sourceCommand = defineCommand<SourceFlags>({
  name: 'source',
  describe: 'Source commands: `tsmodel source freshness` checks how recent the sources are',
  flagGroups: ['project', 'selection'],
  positionals: { action: { description: 'freshness' } },
  flags: {
    output: {
      type: 'string',
      alias: ['o'],
      description: 'Where to write the results (default: target/sources.json)',
    },
  },
  async run(ctx) {
    const { flags, reporter, io } = ctx;
    const { TsmodelError } = await import('@tsmodel/core');
    const action = (flags as { action?: string }).action;
    if (action !== 'freshness') {
      throw new TsmodelError({
        code: 'source-action',
        message:
          action === undefined
            ? '`tsmodel source` needs an action'
            : `unknown source action '${action}'`,
        hint: 'run `tsmodel source freshness`',
      });
    }
    const compiled = await compileWithWarnings(ctx, false);
    const core = await import('@tsmodel/core');
    const selected = hasSelectionFlags(ctx)
      ? (await selectInDagOrder(ctx, compiled)).filter((id) => compiled.manifest.sources[id])
      : Object.keys(compiled.manifest.sources).sort();
    reporter.info('target', targetLine(compiled.profile, io.cwd));
    const adapter = await createAdapter(compiled.profile.target, {
      projectRoot: compiled.project.root.rootDir,
      invocationId: compiled.engine.options.invocationId,
    });
    try {
      const { results, file } = await core.runSourceFreshness({
        compiled,
        adapter,
        selected,
        ...(flags.output !== undefined ? { output: resolve(io.cwd, flags.output) } : {}),
        onResult: (r, node) => {
          const age =
            r.max_loaded_at_time_ago_in_s === null
              ? (r.error ?? '')
              : `newest row ${Math.round(r.max_loaded_at_time_ago_in_s)} s old`;
          const line = `${STATUS_WORD[r.status]} freshness of ${node.source_name}.${node.name}: ${age}`;
          const data = { unique_id: r.unique_id, status: r.status };
          if (r.status === 'pass') reporter.info('freshness', line, data);
          else if (r.status === 'warn') reporter.warn('freshness', line, data);
          else reporter.error('freshness', line, data);
        },
      });
      if (results.length === 0) {
        reporter.warn(
          'freshness-nothing',
          'No source in the selection has a freshness threshold (warn_after / error_after)',
        );
      }
      reporter.info('freshness-done', `Wrote ${file}`);
      const failed = results.some((r) => r.status === 'error' || r.status === 'runtime error');
      return failed ? EXIT_USER_ERROR : EXIT_OK;
    } finally {
      await adapter.close();
    }
  },
});
