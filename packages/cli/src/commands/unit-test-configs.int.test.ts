/**
 * Unit test configs (dbt 1.8): `config:` on the test and dbt_project.yml's `unit_tests:`
 * (`+enabled`, `+tags`, `+meta` by package, folder, model and test), selection by those tags,
 * a disabled test that does not run, and an unknown config key refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

const PROJECT = 'name: shop\nversion: "1.0.0"\nprofile: shop\n';

const unitTest = (name: string, model: string, config = '') => `  - name: ${name}
    model: ${model}${config ? `\n    config: ${config}` : ''}
    given:
      - input: ref('raw_orders')
        rows: [{id: 1, amount: 2}]
    expect:
      rows: [{id: 1, doubled: 4}]
`;

const FILES = {
  'seeds/raw_orders.csv': 'id,amount\n1,2\n',
  'models/marts/orders.sql': "select id, amount * 2 as doubled from {{ ref('raw_orders') }}",
  'models/marts/refunds.sql': "select id, amount * 2 as doubled from {{ ref('raw_orders') }}",
  'models/staging/stg_orders.sql': "select id, amount * 2 as doubled from {{ ref('raw_orders') }}",
  'models/marts/unit.yml': `unit_tests:\n${unitTest('doubles', 'orders', '{tags: [own], meta: {owner: ann}}')}${unitTest('refund_doubles', 'refunds')}`,
  'models/staging/unit.yml': `unit_tests:\n${unitTest('stg_doubles', 'stg_orders')}${unitTest('off', 'stg_orders', '{enabled: false}')}`,
};

function manifestUnitTests(
  dir: string,
): Record<string, { tags: string[]; config: { meta: unknown; tags: string[] } }> {
  return JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8')).unit_tests;
}

describe('unit test configs', () => {
  it('applies the project file by folder, model and test; tags select; disabled tests do not run', async () => {
    const p = testProject({
      ...FILES,
      'project.yml': `${PROJECT}unit_tests:
  +meta: {team: data}
  shop:
    marts:
      +tags: [marts]
      refunds:
        +tags: [money]
        refund_doubles:
          +enabled: false
    staging:
      +tags: staging
`,
    });
    expect((await p.run('seed')).code).toBe(0);
    expect((await p.run('run', '--empty')).code).toBe(0);
    const run = await p.run('test', '--select', 'test_type:unit');
    expect(run.code).toBe(0);
    const ids = (): string[] =>
      JSON.parse(readFileSync(join(p.dir, 'target', 'run_results.json'), 'utf8'))
        .results.map((r: { unique_id: string }) => r.unique_id)
        .sort();
    // refund_doubles is disabled by the project file, off by its own config.
    expect(ids()).toEqual([
      'unit_test.shop.orders.doubles',
      'unit_test.shop.stg_orders.stg_doubles',
    ]);
    const tests = manifestUnitTests(p.dir);
    expect(Object.keys(tests).sort()).toEqual(ids());
    expect(tests['unit_test.shop.orders.doubles']).toMatchObject({
      tags: ['marts', 'own'],
      config: { meta: { team: 'data', owner: 'ann' } },
    });
    expect(tests['unit_test.shop.stg_orders.stg_doubles']!.tags).toEqual(['staging']);

    const selected = async (select: string) => {
      const ls = await p.run(
        'ls',
        '--select',
        select,
        '--resource-type',
        'unit_test',
        '-o',
        'name',
      );
      expect(ls.code).toBe(0);
      return ls.stdout.trim().split('\n').filter(Boolean).sort();
    };
    expect(await selected('tag:marts')).toEqual(['doubles']);
    expect(await selected('tag:own')).toEqual(['doubles']);
    expect(await selected('tag:staging')).toEqual(['stg_doubles']);
    expect(await selected('tag:money')).toEqual([]);
    const byTag = await p.run('test', '--select', 'tag:staging');
    expect(byTag.code).toBe(0);
    expect(ids()).toEqual(['unit_test.shop.stg_orders.stg_doubles']);
  });

  it('an enabled: false on the test wins over the project file, and the other way round', async () => {
    const p = testProject({
      ...FILES,
      'project.yml': `${PROJECT}unit_tests:\n  shop:\n    staging:\n      +enabled: false\n`,
      'models/staging/unit.yml': `unit_tests:\n${unitTest('stg_doubles', 'stg_orders', '{enabled: true}')}${unitTest('off', 'stg_orders')}`,
    });
    const ls = await p.run('ls', '--resource-type', 'unit_test', '-o', 'name');
    expect(ls.code).toBe(0);
    expect(ls.stdout.trim().split('\n').sort()).toEqual([
      'doubles',
      'refund_doubles',
      'stg_doubles',
    ]);
  });

  it('an unknown config key is an error naming the test and the file, in YAML and the project file', async () => {
    const own = testProject({
      ...FILES,
      'models/staging/unit.yml': `unit_tests:\n${unitTest('stg_doubles', 'stg_orders', '{tag: [x]}')}`,
    });
    const run = await own.run('compile');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "models/staging/unit.yml:2:5 unit test 'stg_doubles' has unknown unit test config 'tag'",
    );
    expect(run.stderr).toContain("did you mean 'tags'?");

    const projectFile = testProject({
      ...FILES,
      'project.yml': `${PROJECT}unit_tests:\n  shop:\n    +materialized: table\n`,
    });
    const bad = await projectFile.run('compile');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("unknown unit test config 'materialized'");
    expect(bad.stderr).toMatch(/project\.yml:\d+:\d+/);
  });
});
