import yargs from 'yargs';

declare const __TSMODEL_VERSION__: string;

/** Runs the CLI and resolves to the process exit code (0 ok, 1 user error, 2 internal error). */
export async function main(argv: string[]): Promise<number> {
  await yargs(argv)
    .scriptName('tsmodel')
    .version(typeof __TSMODEL_VERSION__ === 'string' ? __TSMODEL_VERSION__ : 'dev')
    .strict()
    .help()
    .parseAsync();
  return 0;
}
