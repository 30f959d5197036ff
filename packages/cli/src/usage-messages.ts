/**
 * yargs' usage errors in the words of a command line: "Not enough arguments following: threads"
 * becomes "--threads needs a value", and a number flag given text names the text it was given
 * (yargs has already turned it into NaN by the time our check sees it).
 */
const REWRITES: Array<[RegExp, (m: RegExpExecArray, argv: readonly string[]) => string]> = [
  [/^Not enough arguments following: (\S+)$/, (m) => `--${m[1]} needs a value`],
  [
    /^Invalid values:\s*Argument: (\S+), Given: "(.*)", Choices: (.*)$/s,
    (m) => `--${m[1]} '${m[2]}' is not one of: ${m[3]!.replace(/"/g, '').trim()}`,
  ],
  [
    /^(--(\S+) must be .*), got NaN$/,
    (m, argv) => `${m[1]}, got '${flagValue(argv, m[2]!) ?? ''}'`,
  ],
];

export function plainUsageMessage(message: string, argv: readonly string[]): string {
  for (const [pattern, rewrite] of REWRITES) {
    const m = pattern.exec(message.trim());
    if (m) return rewrite(m, argv);
  }
  return message;
}

/** The text typed after `--name` (`--name value` or `--name=value`), if any. */
function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}`) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}
