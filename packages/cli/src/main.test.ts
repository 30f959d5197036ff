import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { commands } from './commands/index';
import { cleanCommand } from './commands/clean';
import { runCli, tempProject } from './test-io';

const version = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

describe('tsmodel main', () => {
  it('lists every command in --help and exits 0', async () => {
    const { code, stdout } = await runCli(['--help'], tempProject());
    expect(code).toBe(0);
    for (const command of commands) expect(stdout).toContain(`tsmodel ${command.name}`);
  });

  it.each(commands.map((c) => [c.name, c] as const))(
    'prints help for %s',
    async (name, command) => {
      const { code, stdout } = await runCli([name, '--help'], tempProject());
      expect(code).toBe(0);
      expect(stdout).toContain(command.describe);
      expect(stdout).toContain('--log-format');
    },
  );

  it('shows only the flags a command takes', async () => {
    const compile = await runCli(['compile', '--help'], tempProject());
    expect(compile.stdout).toContain('--select');
    expect(compile.stdout).toContain('--project-dir');
    const init = await runCli(['init', '--help'], tempProject());
    expect(init.stdout).not.toContain('--select');
  });

  it('prints the package version', async () => {
    const { code, stdout } = await runCli(['--version'], tempProject());
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });

  it('rejects a mistyped flag with a suggestion and exit 1', async () => {
    const { code, stderr } = await runCli(['compile', '--selcet', 'orders'], tempProject());
    expect(code).toBe(1);
    expect(stderr).toContain('Unknown argument: selcet');
    expect(stderr).toContain('did you mean --select?');
  });

  it('says a real flag is not one the command takes, instead of suggesting the same flag', async () => {
    const { code, stderr } = await runCli(['deps', '--select', 'orders'], tempProject());
    expect(code).toBe(1);
    expect(stderr).toContain('`tsmodel deps` does not take --select');
    expect(stderr).not.toContain('did you mean');
  });

  it('reports a usage error as a JSON event with --log-format json', async () => {
    const { code, stdout } = await runCli(
      ['ls', '--outptu', 'name', '--log-format', 'json'],
      tempProject(),
    );
    expect(code).toBe(1);
    const event = JSON.parse(stdout) as Record<string, unknown>;
    expect(event).toMatchObject({ level: 'error', event: 'usage-error' });
    expect(event.msg).toContain('did you mean --output?');
  });

  it('rejects a flag the command does not take', async () => {
    const { code, stderr } = await runCli(['init', '--select', 'x'], tempProject());
    expect(code).toBe(1);
    expect(stderr).toContain('Unknown argument');
  });

  it('suggests the closest command for an unknown one', async () => {
    const { code, stderr } = await runCli(['compil'], tempProject());
    expect(code).toBe(1);
    expect(stderr).toContain('Did you mean compile?');
  });

  it('asks for a command when none is given', async () => {
    const { code, stderr } = await runCli([], tempProject());
    expect(code).toBe(1);
    expect(stderr).toContain('Name a command');
  });

  it('rejects bad flag values', async () => {
    const format = await runCli(['clean', '--log-format', 'xml'], tempProject());
    expect(format.code).toBe(1);
    expect(format.stderr).toContain("--log-format 'xml' is not one of: text, json");
  });

  it('rejects a value flag given no value instead of taking an empty one', async () => {
    for (const flag of ['--target', '--target-path', '--select', '--threads']) {
      const { code, stderr } = await runCli(['compile', flag], tempProject());
      expect(code).toBe(1);
      expect(stderr).toContain(`${flag} needs a value`);
    }
  });

  it('exits 1 for a user error, printing its hint', async () => {
    const { code, stderr } = await runCli(['init', 'bad-name'], tempProject());
    expect(code).toBe(1);
    expect(stderr).toContain("error: 'bad-name' is not a valid project name — use letters");
    expect(stderr).not.toContain('internal error');
  });

  it('exits 2 for an internal error and shows the stack only with --debug', async () => {
    const spy = vi.spyOn(cleanCommand, 'run').mockRejectedValue(new TypeError('boom'));
    try {
      const plain = await runCli(['clean'], tempProject());
      expect(plain.code).toBe(2);
      expect(plain.stderr).toContain('internal error — this is a bug, please report it: boom');
      expect(plain.stderr).toContain('--debug');
      expect(plain.stderr).not.toContain('TypeError: boom\n    at');
      const debug = await runCli(['clean', '--debug'], tempProject());
      expect(debug.code).toBe(2);
      expect(debug.stderr).toContain('TypeError: boom\n    at');
    } finally {
      spy.mockRestore();
    }
  });
});
