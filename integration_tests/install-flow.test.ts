/**
 * The "use in your analytics repo" flow of the README, as a user runs it: `npm pack` the repo,
 * install the tarball into a fresh dbt-style repo (dbt_project.yml + profiles.yml), check it
 * with `npx tsmodel debug`, list the bundled package under `packages:`, point
 * `segment_page_views_table` at the project's own data, and `npx tsmodel build`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));

describe('installing tsmodel from a packed tarball', () => {
  it('builds the Segment models in a fresh analytics repo', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'tsmodel-install-'));
    const packed = execFileSync(
      'npm',
      ['pack', '--pack-destination', work, '--ignore-scripts', '--silent'],
      {
        cwd: repo,
        encoding: 'utf8',
      },
    )
      .trim()
      .split('\n')
      .pop()!;
    const app = path.join(work, 'analytics');
    mkdirSync(path.join(app, 'seeds'), { recursive: true });
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'analytics', private: true }),
    );
    const install = spawnSync(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed)],
      {
        cwd: app,
        encoding: 'utf8',
      },
    );
    expect(install.status, install.stderr).toBe(0);
    copyFileSync(
      path.join(repo, 'integration_tests/seeds/worked_example_pages.csv'),
      path.join(app, 'seeds/pages.csv'),
    );
    writeFileSync(
      path.join(app, 'profiles.yml'),
      'analytics:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: analytics.duckdb\n      threads: 2\n',
    );
    writeFileSync(
      path.join(app, 'dbt_project.yml'),
      [
        "name: 'analytics'",
        "version: '1.0.0'",
        'config-version: 2',
        "profile: 'analytics'",
        'require-dbt-version: [">=1.0.0", "<2.0.0"]',
        'packages:',
        '  - package: tsmodel',
        'vars:',
        '  tsmodel_sessionization:',
        `    segment_page_views_table: "{{ ref('pages') }}"`,
        'seeds:',
        '  analytics:',
        '    pages:',
        '      +column_types: { received_at: timestamp, sent_at: timestamp, timestamp: timestamp, user_id: varchar, context_user_agent: varchar }',
        '',
      ].join('\n'),
    );
    const debug = spawnSync('npx', ['tsmodel', 'debug'], {
      cwd: app,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(debug.status, debug.stdout + debug.stderr).toBe(0);
    expect(debug.stdout).toContain("project: 'analytics' from dbt_project.yml: OK");
    expect(debug.stdout).toContain("profile: 'analytics' target 'dev' from");
    expect(debug.stdout).toContain('adapter: duckdb');
    expect(debug.stdout).toContain('All checks passed!');

    const build = spawnSync(
      'npx',
      ['tsmodel', 'build', '--select', '+sessions+', '+user_stitching'],
      {
        cwd: app,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(build.status, build.stdout + build.stderr).toBe(0);
    expect(build.stdout).toMatch(/Done\. PASS=\d+ WARN=0 ERROR=0 SKIP=0/);

    const db = await DuckDBInstance.create(path.join(app, 'analytics.duckdb'));
    const conn = await db.connect();
    const rows = (
      await conn.runAndReadAll('select count(*)::int as n from main.sessions')
    ).getRowObjects();
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
    conn.closeSync();
  }, 180_000);
});
