/**
 * "did you mean" for mistyped flags. yargs already suggests commands (`recommendCommands`) but
 * only says "Unknown argument" for flags, which leaves the user to find the spelling in --help.
 */
import { distance } from 'fastest-levenshtein';
import type { AnyCommand } from './commands/command';
import { flagNames, type FlagTable, type GlobalFlags } from './flags';

const UNKNOWN = /^Unknown arguments?: (.+)$/;

/** Known flag names closest to `name`, close enough to be a typo (at most a third of it wrong). */
function closestFlag(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

/**
 * One hint line per unknown flag in a yargs strict-mode message that resembles a real flag.
 * `argv` tells flags (typed with dashes) apart from stray positionals, which get no hint here.
 */
export function unknownFlagHints(
  message: string,
  argv: readonly string[],
  commands: readonly AnyCommand[],
  globalTable: FlagTable<GlobalFlags>,
): string[] {
  const match = UNKNOWN.exec(message);
  if (!match) return [];
  const typedFlags = new Set(
    argv.filter((a) => a.startsWith('-')).map((a) => a.replace(/^-+/, '').split('=')[0]),
  );
  const command = commands.find((c) => argv.some((a) => a === c.name || c.aliases?.includes(a)));
  const known = [
    ...flagNames(globalTable),
    ...commands.flatMap((c) => (c.flags ? flagNames(c.flags as FlagTable<unknown>) : [])),
    'help',
    'version',
  ];
  return match[1]!
    .split(', ')
    .filter((name) => typedFlags.has(name))
    .flatMap((name) => {
      const suggestion = closestFlag(name, known);
      if (suggestion === name)
        return [
          command
            ? `\`tsmodel ${command.name}\` does not take --${name} (\`tsmodel ${command.name} --help\` lists what it takes)`
            : `--${name} goes after a command, e.g. \`tsmodel run --${name} …\``,
        ];
      return suggestion ? [`did you mean --${suggestion}?`] : [];
    });
}
