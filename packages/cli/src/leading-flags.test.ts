import { describe, expect, it } from 'vitest';
import { hoistLeadingFlags } from './leading-flags';
import { runCli, tempProject } from './test-io';

const COMMANDS = new Set(['run', 'compile', 'deps']);

describe('global flags before the command, as dbt takes them', () => {
  it.each([
    [
      ['--warn-error', 'run'],
      ['run', '--warn-error'],
    ],
    [
      ['--debug', '--log-format', 'json', 'run', '-s', 'a'],
      ['run', '--debug', '--log-format', 'json', '-s', 'a'],
    ],
    [
      ['--no-partial-parse', '--target=prod', 'compile'],
      ['compile', '--no-partial-parse', '--target=prod'],
    ],
    [
      ['-d', 'compile', '--debug'],
      ['compile', '-d', '--debug'],
    ],
    [
      ['run', '--warn-error'],
      ['run', '--warn-error'],
    ],
  ])('%j is read as %j', (given, expected) => {
    expect(hoistLeadingFlags(given, COMMANDS)).toEqual(expected);
  });

  it('leaves a command line alone when an unknown flag comes first or there is no command', () => {
    expect(hoistLeadingFlags(['--bogus', 'run'], COMMANDS)).toEqual(['--bogus', 'run']);
    expect(hoistLeadingFlags(['--help'], COMMANDS)).toEqual(['--help']);
  });

  it('tsmodel --warn-error compile fails on a warning, as dbt --warn-error compile does', async () => {
    const dir = tempProject({
      'project.yml': 'name: shop\nversion: "1.0.0"\n',
      'models/a.sql': 'select 1 as id',
      'models/schema.yml': 'models:\n  - name: ghost\n',
    });
    const plain = await runCli(['compile'], dir);
    expect(plain.code).toBe(0);
    const strict = await runCli(['--warn-error', 'compile'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('treated as an error (--warn-error)');
  });
});
