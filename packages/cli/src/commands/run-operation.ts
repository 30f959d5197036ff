import { createAdapter } from '../adapters';
import { defineCommand } from './command';
import { compileWithWarnings } from './core-options';

interface RunOperationFlags {
  args?: string;
}

/**
 * `tsmodel run-operation <macro> --args '{…}'`: calls one macro on the target (dbt's
 * run-operation). `log(…, info=True)` lines are printed; other `log()` lines only with
 * `--debug`; the macro's error is the command's error (exit 1).
 */
export const runOperationCommand = defineCommand<RunOperationFlags>({
  name: 'run-operation',
  describe: 'Run a macro against the target, e.g. run-operation grant_all --args "{role: bi}"',
  flagGroups: ['project'],
  flags: {
    args: {
      type: 'string',
      description: "The macro's keyword arguments, YAML or JSON: --args '{table: orders, days: 3}'",
    },
  },
  positionals: {
    macro: { description: 'The macro to call: name or package.name' },
  },
  async run(ctx) {
    const { flags, reporter } = ctx;
    const macro = (flags as { macro?: string }).macro;
    const core = await import('@tsmodel/core');
    if (!macro) {
      throw new core.TsmodelError({
        code: 'run-operation-usage',
        message: 'run-operation needs the name of a macro',
        hint: "tsmodel run-operation my_macro --args '{key: value}'",
      });
    }
    const args = core.parseOperationArgs(flags.args);
    const compiled = await compileWithWarnings(ctx, false);
    const adapter = await createAdapter(compiled.profile.target, {
      projectRoot: compiled.project.root.rootDir,
      invocationId: compiled.engine.options.invocationId,
    });
    try {
      const outcome = await core.runOperation({
        compiled,
        adapter,
        macro,
        args,
        onLog: (message, info) =>
          info ? reporter.info('operation-log', message) : reporter.debug('operation-log', message),
      });
      reporter.debug('operation-done', `Ran ${outcome.macro}`, { macro: outcome.macro });
    } finally {
      await adapter.close();
    }
  },
});
