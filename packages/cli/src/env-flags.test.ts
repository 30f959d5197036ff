import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyProjectFlags } from './env-flags';
import type { GlobalFlags } from './flags';
import { runCli, tempProject } from './test-io';

function project(): string {
  return tempProject({
    'dbt_project.yml': 'name: shop\nprofile: shop\n',
    'profiles.yml':
      'shop:\n  target: dev\n  outputs:\n' +
      ['dev', 'prod', 'ci']
        .map((t) => `    ${t}:\n      type: duckdb\n      path: ${t}.duckdb\n`)
        .join(''),
    'models/m.sql': "select '{{ target.name }}' as t",
  });
}

async function compiledTarget(args: string[], env: Record<string, string>): Promise<string> {
  const dir = project();
  const r = await runCli(['compile', ...args], dir, env);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(dir, 'target/compiled/shop/models/m.sql'), 'utf8');
}

describe('flags from the environment', () => {
  it("reads dbt's DBT_<FLAG>; TSMODEL_<FLAG> wins; a typed flag wins over both", async () => {
    expect(await compiledTarget([], { DBT_TARGET: 'prod' })).toBe("select 'prod' as t");
    expect(await compiledTarget([], { DBT_TARGET: 'prod', TSMODEL_TARGET: 'ci' })).toBe(
      "select 'ci' as t",
    );
    expect(await compiledTarget(['-t', 'dev'], { DBT_TARGET: 'prod', TSMODEL_TARGET: 'ci' })).toBe(
      "select 'dev' as t",
    );
  });

  it('a value that does not parse is a usage error naming the variable', async () => {
    const r = await runCli(['run'], project(), { DBT_FAIL_FAST: 'sometimes' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DBT_FAIL_FAST=sometimes: expected true or false (1/0, yes/no)');
    const threads = await runCli(['run'], project(), { TSMODEL_THREADS: '0' });
    expect(threads.stderr).toContain(
      'TSMODEL_THREADS=0: --threads must be a whole number of at least 1, got 0',
    );
  });

  it('ignores variables of flags the command does not take', async () => {
    const r = await runCli(['clean'], project(), { DBT_FAIL_FAST: 'sometimes' });
    expect(r.code).toBe(0);
  });
});

describe("the project file's flags:", () => {
  const base = { failFast: false, color: true } as GlobalFlags;

  it('apply where neither the command line nor the environment set the flag', () => {
    const flags = { ...base };
    applyProjectFlags(flags, new Set(), {
      fail_fast: true,
      use_colors: false,
      indirect_selection: 'cautious',
    });
    expect(flags).toMatchObject({ failFast: true, color: false, indirectSelection: 'cautious' });
  });

  it('never override a flag that was set, and ignore values of the wrong type', () => {
    const flags = { ...base };
    applyProjectFlags(flags, new Set(['failFast'] as const), {
      fail_fast: true,
      use_colors: 'no',
      indirect_selection: 'sometimes',
    });
    expect(flags).toEqual(base);
  });
});
