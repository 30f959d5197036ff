import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { flagNames, globalFlagGroups, globalFlagTable, kebab, registerGlobalFlags } from './flags';

/** Parses `argv` with the global flags of `groups`, the way a command's builder does. */
async function parseWith(groups: Parameters<typeof registerGlobalFlags>[1], argv: string[]) {
  const parser = registerGlobalFlags(
    yargs().detectLocale(false).strict().exitProcess(false),
    groups,
  );
  return new Promise<{ error?: string; args: Record<string, unknown> }>((done) => {
    void parser.parseAsync(
      argv,
      {},
      (error: Error | null | undefined, args: Record<string, unknown>) =>
        done({ error: error?.message, args }),
    );
  });
}

describe('global flag table', () => {
  it('spells flags in kebab-case', () => {
    expect(kebab('projectDir')).toBe('project-dir');
    expect(kebab('indirectSelection')).toBe('indirect-selection');
    expect(flagNames(globalFlagTable)).toEqual(
      expect.arrayContaining(['project-dir', 'models', 'no-color']),
    );
  });

  it('puts every flag in a group', () => {
    expect(Object.keys(globalFlagGroups).sort()).toEqual(Object.keys(globalFlagTable).sort());
  });

  it('parses the multi-value selection flags and their dbt aliases', async () => {
    const { error, args } = await parseWith(
      ['selection'],
      ['-s', 'a', 'b', '--models', 'c', '--exclude', 'd'],
    );
    expect(error).toBeUndefined();
    expect(args.select).toEqual(['a', 'b', 'c']);
    expect(args.exclude).toEqual(['d']);
  });

  it('applies defaults and --no-color', async () => {
    const { args } = await parseWith(
      ['project', 'output', 'execution'],
      ['--no-color', '-t', 'prod'],
    );
    expect(args).toMatchObject({
      projectDir: '.',
      target: 'prod',
      color: false,
      logFormat: 'text',
      fullRefresh: false,
    });
  });

  it('rejects --threads that is not a positive whole number', async () => {
    expect((await parseWith(['execution'], ['--threads', '0'])).error).toContain(
      '--threads must be a whole number',
    );
    expect((await parseWith(['execution'], ['--threads', '2.5'])).error).toContain('got 2.5');
    expect((await parseWith(['execution'], ['--threads', '4'])).args.threads).toBe(4);
  });

  it('accepts only the flags of the registered groups', async () => {
    expect((await parseWith(['project'], ['--select', 'a'])).error).toContain('Unknown argument');
  });
});
