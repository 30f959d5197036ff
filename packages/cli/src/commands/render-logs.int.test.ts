import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

const count = (text: string, part: string) => text.split(part).length - 1;

const FILES = {
  'project.yml':
    'name: shop\nversion: "1.0.0"\nprofile: shop\non-run-start:\n  - "{{ log(\'hook says hi\', info=True) }}"\n',
  'seeds/prices.csv': 'sku,price\napple,3\npear,5\n',
  // No `execute` in it: rendered once while parsing, and again as it runs.
  'models/plain.sql': `{{ log('plain model info', info=True) }}
{{ log('plain model debug') }}
select 1 as id
`,
  // Two queries: the render is replayed after each, and still says every line once.
  'models/priced.sql': `{% if execute %}
{{ log('priced model info', info=True) }}
{% set cheap = run_query("select sku from " ~ ref('prices') ~ " where price < 4") %}
{% do run_query("select sku, price from " ~ ref('prices') ~ " order by sku").print_table() %}
{{ log('cheap: ' ~ cheap.columns[0].values() | join(','), info=False) }}
{% endif %}
select * from {{ ref('prices') }}
`,
};

describe('log() and print_table() while models build', () => {
  it('prints info lines and printed tables as the nodes render, each once', async () => {
    const p = testProject(FILES);
    const build = await p.run('build');
    expect(build.code).toBe(0);
    const out = build.stdout;
    for (const line of ['hook says hi', 'plain model info', 'priced model info'])
      expect(count(out, line)).toBe(1);
    expect(out).toContain('| sku   | price |');
    expect(out).toContain('| apple |     3 |');
    expect(count(out, '| pear  |     5 |')).toBe(1);
    // info=False is debug output.
    expect(out + build.stderr).not.toContain('plain model debug');
    expect(out + build.stderr).not.toContain('cheap: apple');
    // Printed while its node runs: before the line that reports it done.
    expect(out.indexOf('plain model info')).toBeLessThan(
      out.search(/OK created sql view model main\.plain/),
    );

    const rerun = await p.run('run', '--select', 'plain');
    expect(rerun.code).toBe(0);
    expect(count(rerun.stdout, 'plain model info')).toBe(1);
  });

  it('shows the info=False lines with --debug', async () => {
    const p = testProject(FILES);
    const run = await p.run('--debug', 'build');
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toContain('plain model debug');
    expect(run.stdout + run.stderr).toContain('cheap: apple');
  });

  it('prints what a render logged before the statement that failed it', async () => {
    const p = testProject({
      'models/broken.sql': `{% if execute %}{{ log('about to fail', info=True) }}
{% do run_query('select * from no_such_table') %}{% endif %}
select 1 as id
`,
    });
    const run = await p.run('run');
    expect(run.code).toBe(1);
    expect(count(run.stdout, 'about to fail')).toBe(1);
    expect(run.stderr).toContain('no_such_table');
  });
});
