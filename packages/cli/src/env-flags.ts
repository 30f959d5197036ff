/**
 * Flags from the environment, as dbt reads `DBT_<FLAG>` (`DBT_TARGET=prod`, `DBT_FAIL_FAST=1`):
 * a dbt user's CI keeps working. tsmodel's own `TSMODEL_<FLAG>` wins over `DBT_<FLAG>`, and a
 * flag typed on the command line wins over both. Only flags the command takes are read; a
 * value that does not parse is a usage error naming the variable.
 */
import type { FlagGroup, FlagSpec, GlobalFlags } from './flags';
import { globalFlagGroups, globalFlagTable, kebab } from './flags';

/** Flag → the name dbt gives its variable, where it differs from the flag's snake case. */
const DBT_NAMES: Partial<Record<keyof GlobalFlags, string>> = { color: 'USE_COLORS' };

/** Read by core itself (precedence documented there), or meaningless from the environment. */
const NOT_FROM_ENV = new Set<keyof GlobalFlags>(['profilesDir', 'targetPath', 'select', 'exclude']);

const TRUE = new Set(['1', 'true', 'yes', 'on', 't', 'y']);
const FALSE = new Set(['0', 'false', 'no', 'off', 'f', 'n', '']);

export class EnvFlagError extends Error {}

/**
 * Sets, in `args` (yargs' parsed flags for the matched command, which takes the flags of
 * `groups`), every flag not typed in
 * `argv` whose variable is set. Returns the variables used, for `--debug`.
 */
export function applyEnvFlags(
  args: Record<string, unknown>,
  groups: readonly FlagGroup[],
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { variables: string[]; explicit: Set<keyof GlobalFlags> } {
  const used: string[] = [];
  const explicit = new Set<keyof GlobalFlags>();
  for (const [name, spec] of Object.entries(globalFlagTable) as Array<
    [keyof GlobalFlags, FlagSpec<unknown>]
  >) {
    if (typed(argv, name, spec)) explicit.add(name);
    const taken = globalFlagGroups[name] === 'output' || groups.includes(globalFlagGroups[name]);
    if (NOT_FROM_ENV.has(name) || !taken || explicit.has(name)) continue;
    const suffix = DBT_NAMES[name] ?? kebab(name).replace(/-/g, '_').toUpperCase();
    const variable = [`TSMODEL_${suffix}`, `DBT_${suffix}`].find((v) => env[v] !== undefined);
    if (variable === undefined) continue;
    const value = parse(env[variable]!, spec, variable);
    args[name] = value;
    args[kebab(name)] = value;
    used.push(variable);
    explicit.add(name);
  }
  return { variables: used, explicit };
}

/**
 * The project file's `flags:` for the flags neither typed nor set in the environment
 * (dbt's precedence: command line > environment > project file > default).
 */
export function applyProjectFlags(
  flags: GlobalFlags,
  explicit: ReadonlySet<keyof GlobalFlags>,
  projectFlags: Record<string, unknown>,
): void {
  const set = <K extends keyof GlobalFlags>(
    name: K,
    value: unknown,
    ok: (v: unknown) => boolean,
  ) => {
    if (value !== undefined && !explicit.has(name) && ok(value))
      flags[name] = value as GlobalFlags[K];
  };
  const isBoolean = (v: unknown) => typeof v === 'boolean';
  set('failFast', projectFlags.fail_fast, isBoolean);
  set('color', projectFlags.use_colors, isBoolean);
  const choices = (globalFlagTable.indirectSelection as { choices: readonly string[] }).choices;
  set('indirectSelection', projectFlags.indirect_selection, (v) => choices.includes(v as string));
}

function typed(argv: readonly string[], name: keyof GlobalFlags, spec: FlagSpec<unknown>): boolean {
  const long = kebab(name);
  const aliases = (spec as { alias?: string[] }).alias ?? [];
  const spellings = [long, `no-${long}`, ...aliases];
  return argv.some((arg) => {
    const bare = arg.replace(/^-+/, '').split('=')[0]!;
    if (!arg.startsWith('-')) return false;
    if (arg.startsWith('--')) return spellings.includes(bare);
    // Short flags may be bundled: -xq.
    return aliases.some((a) => a.length === 1 && bare.includes(a));
  });
}

function parse(raw: string, spec: FlagSpec<unknown>, variable: string): unknown {
  const s = spec as { type: string; choices?: readonly string[]; coerce?: (v: never) => unknown };
  if (s.type === 'boolean') {
    const v = raw.trim().toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    throw new EnvFlagError(`${variable}=${raw}: expected true or false (1/0, yes/no)`);
  }
  if (s.type === 'number') {
    const n = Number(raw);
    if (Number.isNaN(n)) throw new EnvFlagError(`${variable}=${raw}: expected a number`);
    try {
      return s.coerce ? s.coerce(n as never) : n;
    } catch (error) {
      throw new EnvFlagError(`${variable}=${raw}: ${(error as Error).message}`);
    }
  }
  if (s.choices && !s.choices.includes(raw)) {
    throw new EnvFlagError(`${variable}=${raw}: expected one of ${s.choices.join(', ')}`);
  }
  return raw;
}
