/**
 * The shape of one CLI command. Each command is one file exporting a `CommandDefinition`;
 * `index.ts` lists them. Definitions are cheap to import (names, help, flags): the work lives in
 * `run`, which loads core, nunjucks or an adapter with dynamic `import()` so `tsmodel --help`
 * never pays for them.
 */
import type { Redactor } from '@tsmodel/core/secrets';
import type { CliIO } from '../io';
import type { FlagGroup, FlagTable, GlobalFlags } from '../flags';
import type { Reporter } from '../reporter';

/** What a command's `run` gets: parsed flags, the reporter to print with, and the IO. */
export interface CommandContext<F = object> {
  flags: GlobalFlags & F;
  /** `--project-dir` made absolute against the IO's cwd. */
  projectDir: string;
  reporter: Reporter;
  io: CliIO;
  /** Secrets kept out of everything printed; a command adds its target's once it is resolved. */
  secrets: Redactor;
  /** Flags typed or set in the environment: the project file's `flags:` do not override them. */
  explicitFlags: ReadonlySet<keyof GlobalFlags>;
}

export interface PositionalSpec {
  description: string;
}

export interface CommandDefinition<F = object> {
  /** Name as typed; the first entry of `tsmodel --help`. */
  name: string;
  aliases?: string[];
  /** One line for `tsmodel --help`. */
  describe: string;
  /** Global flag groups the command accepts (`output` is always accepted). */
  flagGroups: readonly FlagGroup[];
  /** Flags only this command takes, typed like the global table. */
  flags?: FlagTable<F>;
  /** Optional positionals, in order, e.g. `init [project_name]`. */
  positionals?: Record<string, PositionalSpec>;
  /** Resolves to the exit code (0 when it returns nothing); throws for failures. */
  run(ctx: CommandContext<F>): Promise<number | void>;
}

/** A definition with its flag type erased, as held by the command list. */
export type AnyCommand = CommandDefinition<never>;

/** Keeps `F` inferred inside one command file while the list holds them all. */
export function defineCommand<F = object>(definition: CommandDefinition<F>): AnyCommand {
  return definition as unknown as AnyCommand;
}
