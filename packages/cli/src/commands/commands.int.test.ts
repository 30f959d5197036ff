/**
 * The commands end to end, in-process, on small real projects compiled by core.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../test-io';

const SHOP = {
  'project.yml': 'name: shop\nversion: "1.0.0"\n',
  'models/sources.yml':
    'version: 2\nsources:\n  - name: raw\n    tables:\n      - name: raw_orders\n',
  'models/staging/stg_orders.sql': "select * from {{ source('raw', 'raw_orders') }}",
  'models/orders.sql':
    "{{ config(materialized='table', tags=['nightly']) }}\nselect * from {{ ref('stg_orders') }}",
  'models/revenue.sql': "select count(*) as n from {{ ref('orders') }}",
};

function lines(text: string): string[] {
  return text.trimEnd().split('\n').filter(Boolean);
}

describe('tsmodel init + compile', () => {
  it('compiles the scaffolded project', async () => {
    const cwd = tempProject();
    expect((await runCli(['init', 'fresh'], cwd)).code).toBe(0);
    const { code, stdout, stderr } = await runCli(['compile', '--project-dir', 'fresh'], cwd);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Compiled \d+ nodes? /);
    expect(existsSync(join(cwd, 'fresh', 'target', 'manifest.json'))).toBe(true);
  });
});

describe('tsmodel compile', () => {
  it('prints the compiled SQL when one node is selected', async () => {
    const cwd = tempProject(SHOP);
    const { code, stdout } = await runCli(['compile', '-s', 'revenue'], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain("Compiled node 'revenue' is:");
    expect(stdout).toMatch(/select count\(\*\) as n from .*orders/);
  });

  it('prints only errors with --quiet', async () => {
    const { code, stdout } = await runCli(['compile', '--quiet'], tempProject(SHOP));
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });

  it('prints every problem and a count, exits 1 and writes nothing', async () => {
    const cwd = tempProject({
      ...SHOP,
      'models/a.sql': "select * from {{ ref('ordres') }}",
      'models/b.sql': "select * from {{ ref('revenu') }}",
    });
    const { code, stderr } = await runCli(['compile'], cwd);
    expect(code).toBe(1);
    expect(stderr).toContain('models/a.sql:1:');
    expect(stderr).toContain("'ordres'");
    expect(stderr).toContain("'revenu'");
    expect(lines(stderr).at(-1)).toBe('error: 2 errors; nothing was written');
    expect(existsSync(join(cwd, 'target', 'manifest.json'))).toBe(false);
  });

  it('reports problems as JSON events with --log-format json', async () => {
    const cwd = tempProject({ ...SHOP, 'models/a.sql': "select * from {{ ref('ordres') }}" });
    const { code, stdout } = await runCli(['compile', '--log-format', 'json'], cwd);
    expect(code).toBe(1);
    const events = lines(stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((e) => e.level)).toEqual(['error', 'error']);
    expect(events[0]).toMatchObject({ location: { file: 'models/a.sql' }, kind: 'user' });
    expect(events[1]).toMatchObject({ event: 'compile-failed', count: 1 });
  });
});

describe('tsmodel compile --introspect', () => {
  it('shows incremental SQL only for incremental models that exist in the warehouse', async () => {
    const cwd = tempProject({
      'project.yml': 'name: inc\n',
      'models/events.sql':
        "{{ config(materialized='incremental', unique_key='id') }}select 1 as id{% if is_incremental() %} where id > (select max(id) from {{ this }}){% endif %}",
    });
    const offline = await runCli(['compile', '-s', 'events'], cwd);
    expect(offline.stdout).toContain('select 1 as id\n');
    const before = await runCli(['compile', '--introspect', '-s', 'events'], cwd);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('Incremental models already built in the warehouse: 0');
    expect((await runCli(['run'], cwd)).code).toBe(0);
    const after = await runCli(['compile', '--introspect', '-s', 'events'], cwd);
    expect(after.stdout).toContain('Incremental models already built in the warehouse: 1');
    expect(after.stdout).toContain(
      'select 1 as id where id > (select max(id) from "inc"."main"."events")',
    );
    const full = await runCli(['compile', '--introspect', '--full-refresh', '-s', 'events'], cwd);
    expect(full.stdout).not.toContain('where id >');
  });
});

describe('tsmodel parse', () => {
  it('writes the manifest but no compiled SQL, like dbt parse', async () => {
    const cwd = tempProject(SHOP);
    const { code, stdout } = await runCli(['parse'], cwd);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Parsed 4 nodes, 1 source and \d+ macros in \d+ ms; no problems found/);
    const manifest = JSON.parse(readFileSync(join(cwd, 'target', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.nodes)).toContain('model.shop.orders');
    expect(existsSync(join(cwd, 'target', 'compiled'))).toBe(false);
  });
});

describe('tsmodel ls', () => {
  it('lists selectors in DAG order, sources included, by default', async () => {
    const { code, stdout } = await runCli(['ls'], tempProject(SHOP));
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual([
      'source:shop.raw.raw_orders',
      'shop.staging.stg_orders',
      'shop.orders',
      'shop.revenue',
    ]);
  });

  it('filters by selection and resource type and prints names or paths', async () => {
    const cwd = tempProject(SHOP);
    const names = await runCli(
      ['ls', '-s', '+orders', '--resource-type', 'model', '--output', 'name'],
      cwd,
    );
    expect(lines(names.stdout)).toEqual(['stg_orders', 'orders']);
    const paths = await runCli(['list', '--select', 'tag:nightly', '--output', 'path'], cwd);
    expect(lines(paths.stdout)).toEqual(['models/orders.sql']);
    const excluded = await runCli(
      ['ls', '--exclude', 'orders+', '--resource-types', 'model', '-o', 'name'],
      cwd,
    );
    expect(lines(excluded.stdout)).toEqual(['stg_orders']);
  });

  it('prints one JSON object per line with --output json', async () => {
    const { stdout } = await runCli(['ls', '--output', 'json', '-s', 'orders'], tempProject(SHOP));
    const [row, ...rest] = lines(stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      name: 'orders',
      resource_type: 'model',
      unique_id: 'model.shop.orders',
      tags: ['nightly'],
      depends_on: { nodes: ['model.shop.stg_orders'] },
    });
  });

  it('needs a manifest in --state', async () => {
    const cwd = tempProject(SHOP);
    const { code, stderr } = await runCli(
      ['ls', '-s', 'state:modified', '--state', 'nowhere'],
      cwd,
    );
    expect(code).toBe(1);
    expect(stderr).toContain('has no manifest.json');
  });

  it('selects state:modified against an earlier manifest', async () => {
    const cwd = tempProject(SHOP);
    expect((await runCli(['compile', '--quiet'], cwd)).code).toBe(0);
    const { code, stdout } = await runCli(['ls', '-s', 'state:modified', '--state', 'target'], cwd);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual([]);
  });
});

describe('tsmodel clean', () => {
  it('removes the target directory', async () => {
    const cwd = tempProject(SHOP);
    await runCli(['compile', '--quiet'], cwd);
    expect(existsSync(join(cwd, 'target'))).toBe(true);
    const { code, stdout } = await runCli(['clean'], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain('Removed target');
    expect(existsSync(join(cwd, 'target'))).toBe(false);
  });

  it('follows --target-path for compile and clean', async () => {
    const cwd = tempProject(SHOP);
    expect((await runCli(['compile', '--quiet', '--target-path', 'out'], cwd)).code).toBe(0);
    expect(existsSync(join(cwd, 'out', 'manifest.json'))).toBe(true);
    expect(existsSync(join(cwd, 'target'))).toBe(false);
    const { code, stdout } = await runCli(['clean', '--target-path', 'out'], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain('Removed out');
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });

  it('refuses clean-targets outside the project', async () => {
    const cwd = tempProject({
      'p/project.yml': 'name: p\nversion: "1"\nclean-targets: ["../keep"]\n',
      'keep/x': 'x',
    });
    const { code, stderr } = await runCli(['clean', '--project-dir', 'p'], cwd);
    expect(code).toBe(1);
    expect(stderr).toContain("clean-targets entry '../keep' is not inside the project");
    expect(readFileSync(join(cwd, 'keep/x'), 'utf8')).toBe('x');
  });

  it('keeps the embedded database out of target/: build, clean, and the data is still there', async () => {
    const cwd = tempProject({
      ...SHOP,
      'models/kept.sql': "{{ config(materialized='table') }}\nselect 42 as answer",
    });
    expect((await runCli(['run', '--quiet', '-s', 'kept'], cwd)).code).toBe(0);
    expect((await runCli(['clean'], cwd)).code).toBe(0);
    expect(existsSync(join(cwd, 'target'))).toBe(false);
    const shown = await runCli(
      ['show', '--inline', 'select answer from kept', '--output', 'json'],
      cwd,
    );
    expect(shown.stdout).toContain('42');
  });

  it('refuses to delete a database file it finds in its targets, unless --delete-databases', async () => {
    const cwd = tempProject({
      ...SHOP,
      'profiles.yml':
        'shop:\n  outputs:\n    dev:\n      type: duckdb\n      path: target/warehouse\n',
      'project.yml': 'name: shop\nversion: "1"\nprofile: shop\n',
      'models/kept.sql': 'select 1 as one',
    });
    expect((await runCli(['run', '--quiet', '-s', 'kept'], cwd)).code).toBe(0);
    const refused = await runCli(['clean'], cwd);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'clean-targets hold a database file: target/warehouse; nothing was deleted',
    );
    expect(refused.stderr).toContain('--delete-databases');
    expect(existsSync(join(cwd, 'target', 'warehouse'))).toBe(true);
    expect(existsSync(join(cwd, 'target', 'manifest.json'))).toBe(true);
    const forced = await runCli(['clean', '--delete-databases'], cwd);
    expect(forced.code).toBe(0);
    expect(existsSync(join(cwd, 'target'))).toBe(false);
  });

  it('exits 1 without a project.yml', async () => {
    const { code, stderr } = await runCli(['clean'], tempProject());
    expect(code).toBe(1);
    expect(stderr).toContain('project.yml');
    expect(stderr).not.toContain('internal error');
  });
});

describe('tsmodel debug', () => {
  it('checks project, profile and a real DuckDB connection', async () => {
    const { code, stdout } = await runCli(['debug'], tempProject(SHOP));
    expect(code).toBe(0);
    expect(stdout).toContain("project: 'shop' from project.yml: OK");
    expect(stdout).toContain('embedded default');
    expect(stdout).toContain('connection: OK');
  });

  it('fails on a bad profile and names the problem', async () => {
    const cwd = tempProject({
      ...SHOP,
      'profiles.yml':
        'shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdbb\n      schema: main\n',
    });
    const { code, stderr } = await runCli(['debug'], cwd);
    expect(code).toBe(1);
    expect(stderr).toContain('duckdbb');
    expect(stderr).toContain('FAILED');
  });
});
