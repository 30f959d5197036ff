import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../test-io';
import { initTemplates } from './init-templates';

const FILES = ['project.yml', 'models/example.sql', 'models/schema.yml', '.gitignore'];

describe('tsmodel init', () => {
  it('scaffolds a named project in a new directory', async () => {
    const cwd = tempProject();
    const { code, stdout } = await runCli(['init', 'my_analytics'], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain("Created project 'my_analytics' in my_analytics");
    expect(stdout).toContain('Next: cd my_analytics && tsmodel compile');
    for (const file of FILES) expect(existsSync(join(cwd, 'my_analytics', file))).toBe(true);
    expect(readFileSync(join(cwd, 'my_analytics', 'project.yml'), 'utf8')).toContain(
      'name: my_analytics\n',
    );
  });

  it('fills --project-dir when no name is given, naming the project after the directory', async () => {
    const cwd = tempProject();
    const { code } = await runCli(['init', '--project-dir', 'shop-data'], cwd);
    expect(code).toBe(0);
    expect(readFileSync(join(cwd, 'shop-data', 'project.yml'), 'utf8')).toContain(
      'name: shop_data\n',
    );
  });

  it('refuses to overwrite and writes nothing', async () => {
    const cwd = tempProject({ 'models/schema.yml': 'mine\n' });
    const { code, stderr } = await runCli(['init'], cwd);
    expect(code).toBe(1);
    expect(stderr).toContain('already has models/schema.yml; nothing was written');
    expect(readFileSync(join(cwd, 'models/schema.yml'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(cwd, 'project.yml'))).toBe(false);
  });

  it('refuses a name that is not an identifier', async () => {
    const cwd = tempProject();
    const { code } = await runCli(['init', '1st'], cwd);
    expect(code).toBe(1);
    expect(existsSync(join(cwd, '1st'))).toBe(false);
  });

  it('prints a json event with --log-format json', async () => {
    const cwd = tempProject();
    const { stdout } = await runCli(['init', 'p', '--log-format', 'json'], cwd);
    const events = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events[0]).toMatchObject({ level: 'info', event: 'init-done', name: 'p', files: FILES });
  });

  it('writes the templated files exactly', async () => {
    const cwd = tempProject();
    await runCli(['init', 'p'], cwd);
    for (const [file, text] of Object.entries(initTemplates('p'))) {
      expect(readFileSync(join(cwd, 'p', file), 'utf8')).toBe(text);
    }
  });
});
