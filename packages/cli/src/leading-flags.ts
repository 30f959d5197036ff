import { globalFlagTable, kebab } from './flags';

/** A global flag's spellings (`--warn-error`, `--no-warn-error`, `-d`) and whether it takes a value. */
function flagSpellings(): Map<string, boolean> {
  const spellings = new Map<string, boolean>();
  for (const [name, spec] of Object.entries(globalFlagTable)) {
    const takesValue = spec.type !== 'boolean';
    const names = [kebab(name), ...(spec.alias ?? [])];
    for (const n of names) {
      spellings.set(n.length === 1 ? `-${n}` : `--${n}`, takesValue);
      if (!takesValue && n.length > 1) spellings.set(`--no-${n}`, false);
    }
  }
  return spellings;
}

/**
 * dbt takes its global flags before the command (`dbt --warn-error run`, `dbt --debug build`,
 * `dbt --no-partial-parse compile`), and CI scripts are written that way. Those flags are moved
 * after the command name, where tsmodel's parser reads them; a flag it does not know, or one
 * the command does not take, then fails with the usual "unknown argument" error. Arguments
 * after the command, and a command line without one (`--help`, `--version`), stay as they are.
 */
export function hoistLeadingFlags(
  argv: readonly string[],
  commandNames: ReadonlySet<string>,
): string[] {
  const spellings = flagSpellings();
  const leading: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (commandNames.has(arg)) return [arg, ...leading, ...argv.slice(i + 1)];
    const name = arg.split('=', 1)[0]!;
    const takesValue = spellings.get(name);
    if (takesValue === undefined) return [...argv];
    leading.push(arg);
    if (takesValue && !arg.includes('=') && i + 1 < argv.length) leading.push(argv[++i]!);
  }
  return [...argv];
}
