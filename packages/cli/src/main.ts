import { resolve } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { commands } from './commands/index';
import type { AnyCommand, CommandContext } from './commands/command';
import { EXIT_OK, EXIT_USER_ERROR, reportFailure } from './failure';
import { globalFlagTable, registerFlags, registerGlobalFlags, type GlobalFlags } from './flags';
import { Redactor, collectSecrets } from '@tsmodel/core/secrets';
import { processIO, redactingIO, type CliIO } from './io';
import { createReporter } from './reporter';
import { unknownFlagHints } from './suggest';
import { plainUsageMessage } from './usage-messages';
import { EnvFlagError, applyEnvFlags } from './env-flags';
import { tsmodelVersion } from './version';
import { hoistLeadingFlags } from './leading-flags';

/** Every command's name and aliases, to find where the command is on a command line. */
const COMMAND_NAMES: ReadonlySet<string> = new Set(
  commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]),
);

/** The command yargs matched and the arguments it parsed, run after parsing settles. */
interface Invocation {
  command: AnyCommand;
  args: Record<string, unknown>;
}

function buildParser(argv: string[], io: CliIO, onMatch: (inv: Invocation) => void): Argv {
  const parser = yargs(argv)
    .scriptName('tsmodel')
    .usage('$0 <command> [options]\n\nCompile and run dbt-style SQL model projects.')
    .detectLocale(false)
    .version(tsmodelVersion())
    .help()
    .alias('help', 'h')
    .strict()
    .recommendCommands()
    .demandCommand(1, 'Name a command, e.g. `tsmodel compile`; `tsmodel --help` lists them.')
    .showHelpOnFail(false)
    .exitProcess(false)
    .wrap(Math.min(io.columns ?? 100, 120));
  registerGlobalFlags(parser, ['output']);
  for (const command of commands) {
    const positionals = Object.keys(command.positionals ?? {})
      .map((p) => ` [${p}]`)
      .join('');
    parser.command({
      command: `${command.name}${positionals}`,
      aliases: command.aliases ?? [],
      describe: command.describe,
      builder: (y: Argv) => {
        for (const [name, spec] of Object.entries(command.positionals ?? {})) {
          y.positional(name, { type: 'string', describe: spec.description });
        }
        registerGlobalFlags(
          y,
          command.flagGroups.filter((g) => g !== 'output'),
        );
        if (command.flags) registerFlags(y, command.flags);
        return y;
      },
      handler: (args: Record<string, unknown>) => onMatch({ command, args }),
    });
  }
  skipHelpCaching(parser);
  return parser;
}

/**
 * yargs renders the whole help text after matching a command, in case the command fails later
 * and help should be shown. Our commands run after parsing and print their own errors
 * (`showHelpOnFail(false)`), so that text is never used — and costs ~20 ms of every run.
 */
function skipHelpCaching(parser: Argv): void {
  const internals = (
    parser as unknown as {
      getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } };
    }
  )
    .getInternalMethods()
    .getUsageInstance();
  internals.cacheHelpMessage = () => undefined;
}

/** What yargs settled on: a matched command, printed text (help/version), or a usage error. */
interface ParseOutcome {
  invocation?: Invocation;
  output: string;
  error?: Error;
}

async function parse(argv: string[], io: CliIO): Promise<ParseOutcome> {
  let invocation: Invocation | undefined;
  const parser = buildParser(argv, io, (inv) => (invocation = inv));
  return new Promise<ParseOutcome>((done) => {
    // With a callback yargs hands over help/version/error text instead of printing it.
    parser
      .parseAsync(argv, {}, (error: Error | null | undefined, _args: unknown, output: string) => {
        done({ invocation, output, error: error ?? undefined });
      })
      .catch((error: unknown) => done({ output: '', error: error as Error }));
  });
}

/**
 * Runs the CLI and resolves to the process exit code: 0 ok, 1 user error (bad flags, problems
 * in the project), 2 internal error (a bug). `io` defaults to the real process; tests pass
 * their own to capture output.
 */
export async function main(given: string[], io: CliIO = processIO()): Promise<number> {
  const argv = hoistLeadingFlags(given, COMMAND_NAMES);
  const outcome = await parse(argv, io);
  if (outcome.error) {
    const hints = unknownFlagHints(outcome.error.message, argv, commands, globalFlagTable);
    const extra =
      outcome.output && outcome.output !== outcome.error.message ? [outcome.output] : [];
    const msg = [plainUsageMessage(outcome.error.message, argv), ...hints, ...extra].join('\n');
    // Flags did not parse, so read --log-format straight from argv: JSON consumers get JSON.
    const json = argv.some(
      (a, i) => a === '--log-format=json' || (a === '--log-format' && argv[i + 1] === 'json'),
    );
    createReporter(io, {
      logFormat: json ? 'json' : 'text',
      color: true,
      quiet: false,
      debug: false,
    }).error('usage-error', msg);
    return EXIT_USER_ERROR;
  }
  if (!outcome.invocation) {
    if (outcome.output) io.stdout(`${outcome.output}\n`);
    return EXIT_OK;
  }
  const { command, args } = outcome.invocation;
  let fromEnv: ReturnType<typeof applyEnvFlags>;
  try {
    fromEnv = applyEnvFlags(args, command.flagGroups, argv, io.env);
  } catch (error) {
    if (!(error instanceof EnvFlagError)) throw error;
    createReporter(io, { logFormat: 'text', color: true, quiet: false, debug: false }).error(
      'usage-error',
      error.message,
    );
    return EXIT_USER_ERROR;
  }
  const flags = args as unknown as GlobalFlags;
  const secrets = new Redactor(collectSecrets(undefined, io.env));
  const safeIO = redactingIO(io, secrets);
  const reporter = createReporter(safeIO, flags);
  const ctx: CommandContext = {
    flags,
    projectDir: resolve(io.cwd, flags.projectDir ?? '.'),
    reporter,
    io: safeIO,
    secrets,
    explicitFlags: fromEnv.explicit,
  };
  if (fromEnv.variables.length > 0)
    reporter.debug('env-flags', `flags from the environment: ${fromEnv.variables.join(', ')}`);
  try {
    const code = await command.run(ctx as CommandContext<never>);
    return code ?? EXIT_OK;
  } catch (err) {
    return reportFailure(reporter, err, flags.debug === true);
  }
}
