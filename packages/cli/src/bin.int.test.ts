/**
 * The installed entry point, spawned as a user runs it: `bin/tsmodel.js` on the bundled
 * dist/ (built by the globalSetup), with real exit codes and streams.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempProject } from './test-io';

const bin = fileURLToPath(new URL('../../../bin/tsmodel.js', import.meta.url));
const version = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

function tsmodel(args: string[], cwd = tempProject()) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/tsmodel.js', () => {
  it('prints the version and help with exit 0', () => {
    expect(tsmodel(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = tsmodel(['ls', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--resource-type');
  });

  it('exits 1 on a bad flag, with the suggestion on stderr', () => {
    const { code, stdout, stderr } = tsmodel(['compile', '--exlude', 'x']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('did you mean --exclude?');
  });

  it('runs init and compile from the bundle', () => {
    const cwd = tempProject();
    expect(tsmodel(['init', 'p'], cwd).code).toBe(0);
    const compiled = tsmodel(['compile', '--project-dir', 'p', '--log-format', 'json'], cwd);
    expect(compiled.code).toBe(0);
    const events = compiled.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string });
    expect(events.map((e) => e.event)).toContain('compile-done');
  });
});
