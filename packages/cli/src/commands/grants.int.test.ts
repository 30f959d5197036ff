/**
 * `grants` on DuckDB, which has no GRANT: said once, not per node (as dbt-duckdb warns once),
 * and nothing fails; a malformed `grants` config fails the compile naming the file.
 */
import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

describe('grants on DuckDB', () => {
  it('builds, and warns once that grants are not applied', async () => {
    const p = testProject({
      'project.yml':
        'name: shop\nversion: "1.0.0"\nprofile: shop\nmodels:\n  +grants: {select: [bi]}\n',
      'models/a.sql': 'select 1 as id',
      'models/b.sql': "select * from {{ ref('a') }}",
    });
    const run = await p.run('run');
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((l) => l.includes('grants are not applied'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      'grants are not applied on duckdb: 2 nodes set them (model.shop.a, model.shop.b)',
    );
    expect(run.stderr).toContain('DuckDB has no GRANT');
    expect(await p.relations()).toEqual(['a', 'b']);
  });

  it('a grants config that is not privileges to grantees fails the compile, naming the file', async () => {
    const p = testProject({
      'models/a.sql': "{{ config(grants=['bi']) }}\nselect 1 as id",
    });
    const run = await p.run('compile');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('models/a.sql');
    expect(run.stderr).toContain(
      'grants of model.shop.a must be a mapping of privileges to grantees',
    );
  });
});
