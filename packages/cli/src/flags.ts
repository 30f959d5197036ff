/**
 * Every flag the CLI knows, in one typed table: name, aliases, type, default and help text live
 * together, so `--help`, parsing and the typed `flags` object handed to commands can never
 * disagree. The table is typed against {@link GlobalFlags}, so adding a field without describing
 * it is a compile error (the same idea as vitest's `cli-config.ts`).
 */
import type { Argv, Options } from 'yargs';

export type IndirectSelection = 'eager' | 'cautious' | 'buildable' | 'empty';
export type LogFormat = 'text' | 'json';

/**
 * Which commands take a flag. A command lists the groups it accepts; `output` flags are
 * accepted everywhere. Strict parsing then rejects e.g. `tsmodel init --select x`.
 */
export type FlagGroup = 'project' | 'selection' | 'execution' | 'output';

/** Flags shared by commands, camel-cased as commands read them. */
export interface GlobalFlags {
  projectDir: string;
  profilesDir?: string;
  profile?: string;
  target?: string;
  /** Unset: the project file's `flags:` decide, else on. */
  versionCheck?: boolean;
  partialParse?: boolean;
  vars?: string;
  targetPath?: string;
  select?: string[];
  exclude?: string[];
  selector?: string;
  indirectSelection?: IndirectSelection;
  state?: string;
  threads?: number;
  fullRefresh: boolean;
  /** dbt's `--empty`: refs and sources read no rows. */
  empty: boolean;
  /** dbt's `--store-failures`: tests without their own setting keep their failing rows. */
  storeFailures: boolean;
  failFast: boolean;
  wait: boolean;
  /** dbt's `--defer`: unselected parents not built in this target are read from `--state`'s. */
  defer: boolean;
  /** dbt's `--favor-state`: with `--defer`, unselected parents are always read from the state. */
  favorState: boolean;
  /** dbt's `--defer-state`: the state `--defer` reads, when it differs from `--state`. */
  deferState?: string;
  warnError: boolean;
  warnErrorOptions?: string;
  logFormat: LogFormat;
  color: boolean;
  quiet: boolean;
  debug: boolean;
}

interface FlagSpecBase {
  description: string;
  /** Extra names, one letter for short flags (`t` → `-t`), kebab-case for long ones. */
  alias?: string[];
}

/** How one flag parses, chosen by the type of its field so the table cannot lie about it. */
export type FlagSpec<T> = FlagSpecBase &
  ([T] extends [boolean]
    ? { type: 'boolean'; default?: boolean }
    : [T] extends [number]
      ? { type: 'number'; coerce?: (value: number) => number }
      : [T] extends [readonly string[]]
        ? { type: 'array'; choices?: readonly string[] }
        : [T] extends [string]
          ? { type: 'string'; choices?: readonly T[]; default?: T }
          : never);

/** A table of flags for the fields of `T` (global flags, or one command's own flags). */
export type FlagTable<T> = { [K in keyof T]-?: FlagSpec<NonNullable<T[K]>> };

/** `projectDir` → `project-dir`: the spelling on the command line. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function positiveInteger(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--threads must be a whole number of at least 1, got ${String(value)}`);
  }
  return value;
}

export const globalFlagTable: FlagTable<GlobalFlags> = {
  projectDir: {
    type: 'string',
    default: '.',
    description: 'Directory holding the project file (dbt_project.yml or project.yml)',
  },
  profilesDir: {
    type: 'string',
    description:
      'Directory holding profiles.yml (default: $TSMODEL_PROFILES_DIR, $DBT_PROFILES_DIR, the project, ~/.tsmodel, ~/.dbt)',
  },
  profile: {
    type: 'string',
    description: "Profile of profiles.yml to use instead of the project file's `profile:`",
  },
  versionCheck: {
    type: 'boolean',
    description:
      'Check require-dbt-version / require-tsmodel-version (--no-version-check skips them)',
  },
  partialParse: {
    type: 'boolean',
    description: 'Reuse renders from target/ (--no-partial-parse renders every file again)',
  },
  target: {
    type: 'string',
    alias: ['t'],
    description: 'Target in the profile to use (default: its `target:`)',
  },
  vars: {
    type: 'string',
    description:
      "Variables as a YAML/JSON mapping, e.g. '{cutoff: 10}'; they override project.yml vars",
  },
  targetPath: {
    type: 'string',
    description:
      "Where artifacts go, relative to the project (default: $TSMODEL_TARGET_PATH, project.yml's target-path, then target)",
  },
  select: {
    type: 'array',
    alias: ['s', 'm', 'models', 'model'],
    description: 'Nodes to include (dbt selection syntax); several values are a union',
  },
  exclude: { type: 'array', description: 'Nodes to leave out, same syntax as --select' },
  selector: { type: 'string', description: 'Name of a selector from selectors.yml' },
  indirectSelection: {
    type: 'string',
    choices: ['eager', 'cautious', 'buildable', 'empty'],
    description: 'Which tests of selected nodes are selected too (default: eager)',
  },
  state: {
    type: 'string',
    description:
      'Directory with the manifest.json (and run_results.json) of an earlier run, for state: selectors',
  },
  threads: {
    type: 'number',
    coerce: positiveInteger,
    description: "How many nodes run at once (default: the target's `threads`)",
  },
  fullRefresh: {
    type: 'boolean',
    default: false,
    description: 'Rebuild incremental models from scratch',
  },
  storeFailures: {
    type: 'boolean',
    default: false,
    description:
      "Tests keep their failing rows in <schema>_dbt_test__audit (a test's store_failures / store_failures_as wins)",
  },
  empty: {
    type: 'boolean',
    default: false,
    description: 'Read no rows from refs and sources: check SQL and build empty relations',
  },
  failFast: {
    type: 'boolean',
    default: false,
    alias: ['x'],
    description: 'Stop at the first failure',
  },
  wait: {
    type: 'boolean',
    default: true,
    description:
      'When another run holds the target schemas (PostgreSQL/Redshift), wait for it; --no-wait fails at once (exit 1)',
  },
  defer: {
    type: 'boolean',
    default: false,
    description:
      "Read unselected parents that this target has not built from --state's relations (dbt's slim CI)",
  },
  favorState: {
    type: 'boolean',
    default: false,
    description: 'With --defer, read every unselected parent from --state, built here or not',
  },
  deferState: {
    type: 'string',
    description: 'The earlier run --defer reads (default: --state)',
  },
  warnError: {
    type: 'boolean',
    default: false,
    description: 'Treat every warning as an error (exit 1)',
  },
  warnErrorOptions: {
    type: 'string',
    description:
      'Which warnings are errors, as YAML/JSON: {"error": "all"|[names], "warn": [names], "silence": [names]} (dbt\'s include/exclude too)',
  },
  logFormat: {
    type: 'string',
    choices: ['text', 'json'],
    default: 'text',
    description: 'text for people, json for one event per line',
  },
  color: {
    type: 'boolean',
    default: true,
    description: 'Colour text output on a terminal (--no-color or NO_COLOR=1 turn it off)',
  },
  quiet: {
    type: 'boolean',
    default: false,
    alias: ['q'],
    description: 'Print errors and command output only',
  },
  debug: {
    type: 'boolean',
    default: false,
    alias: ['d'],
    description: 'Print debug logs and stack traces',
  },
};

/** The group each global flag belongs to; see {@link FlagGroup}. */
export const globalFlagGroups: Record<keyof GlobalFlags, FlagGroup> = {
  projectDir: 'project',
  profilesDir: 'project',
  profile: 'project',
  target: 'project',
  versionCheck: 'project',
  partialParse: 'project',
  vars: 'project',
  targetPath: 'project',
  select: 'selection',
  exclude: 'selection',
  selector: 'selection',
  indirectSelection: 'selection',
  state: 'selection',
  threads: 'execution',
  fullRefresh: 'execution',
  empty: 'execution',
  storeFailures: 'execution',
  failFast: 'execution',
  wait: 'execution',
  defer: 'execution',
  favorState: 'execution',
  deferState: 'execution',
  warnError: 'project',
  warnErrorOptions: 'project',
  logFormat: 'output',
  color: 'output',
  quiet: 'output',
  debug: 'output',
};

const groupTitles: Record<FlagGroup, string> = {
  project: 'Project:',
  selection: 'Selection:',
  execution: 'Execution:',
  output: 'Output:',
};

/** yargs options for one table entry. */
export function yargsOption(spec: FlagSpec<unknown>): Options {
  const s = spec as FlagSpecBase & {
    type: 'boolean' | 'number' | 'array' | 'string';
    default?: unknown;
    choices?: readonly string[];
    coerce?: (v: never) => unknown;
  };
  return {
    describe: s.description,
    type: s.type,
    // `--target` with nothing after it is a mistake, not an empty target name.
    ...(s.type === 'boolean' ? {} : { requiresArg: true }),
    ...(s.type === 'array' ? { string: true } : {}),
    ...(s.alias ? { alias: s.alias } : {}),
    ...(s.default !== undefined ? { default: s.default } : {}),
    ...(s.choices ? { choices: [...s.choices] } : {}),
    ...(s.coerce ? { coerce: s.coerce } : {}),
  } as Options;
}

/** Registers the global flags of `groups` on a yargs builder, titled by group in `--help`. */
export function registerGlobalFlags<T>(y: Argv<T>, groups: readonly FlagGroup[]): Argv<T> {
  for (const [name, spec] of Object.entries(globalFlagTable) as Array<
    [keyof GlobalFlags, FlagSpec<unknown>]
  >) {
    const group = globalFlagGroups[name];
    if (!groups.includes(group)) continue;
    y.option(kebab(name), { ...yargsOption(spec), group: groupTitles[group] });
  }
  return y;
}

/** Registers a command's own flags under the "Command:" heading. */
export function registerFlags<T, F>(y: Argv<T>, table: FlagTable<F>): Argv<T> {
  for (const [name, spec] of Object.entries(table) as Array<[string, FlagSpec<unknown>]>) {
    y.option(kebab(name), { ...yargsOption(spec), group: 'Command:' });
  }
  return y;
}

/** Every long flag name and alias in a table, for "did you mean" suggestions. */
export function flagNames(table: FlagTable<unknown>): string[] {
  return Object.entries(table as Record<string, FlagSpecBase>).flatMap(([name, spec]) => [
    kebab(name),
    ...(spec.alias ?? []).filter((a) => a.length > 1),
    ...((spec as FlagSpecBase & { type: string }).type === 'boolean' ? [`no-${kebab(name)}`] : []),
  ]);
}
