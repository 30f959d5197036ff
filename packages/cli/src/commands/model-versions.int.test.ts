/** Model versions end to end: each version built as `<name>_v<v>`, refs pinned or latest. */
import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

const SCHEMA = `version: 2
models:
  - name: dim_customers
    latest_version: 2
    config:
      materialized: table
    columns:
      - name: id
        data_tests: [unique]
      - name: tier
    versions:
      - v: 1
        deprecation_date: 2021-03-01
      - v: 2
        columns:
          - include: all
            exclude: [tier]
`;

describe('model versions', () => {
  it('build every version, reach the latest unpinned, and warn about a deprecated one', async () => {
    const p = testProject({
      'models/schema.yml': SCHEMA,
      'models/dim_customers_v1.sql': "select 1 as id, 'gold' as tier",
      'models/dim_customers_v2.sql': 'select 2 as id',
      'models/latest_reader.sql':
        "{{ config(materialized='table') }}\nselect id from {{ ref('dim_customers') }}",
      'models/old_reader.sql':
        "{{ config(materialized='table') }}\nselect tier from {{ ref('dim_customers', v=1) }}",
    });
    const built = await p.run('build');
    expect(built.code).toBe(0);
    expect(built.stdout).toContain('model main.dim_customers_v1');
    expect(built.stdout).toContain('PASS unique_dim_customers_v2_id');
    expect(built.stderr).toContain(
      'model.shop.old_reader refers to dim_customers.v1, which was deprecated on 2021-03-01',
    );
    expect(await p.query('select id from latest_reader')).toEqual([{ id: 2 }]);
    expect(await p.query('select tier from old_reader')).toEqual([{ tier: 'gold' }]);

    const latest = await p.run('ls', '--select', 'version:latest', '--resource-type', 'model');
    expect(latest.stdout.trim().split('\n')).toEqual(['shop.dim_customers.v2']);
  });

  it('a pin to a version that does not exist fails the compile, naming the file and the versions', async () => {
    const p = testProject({
      'models/schema.yml': SCHEMA,
      'models/dim_customers_v1.sql': 'select 1 as id',
      'models/dim_customers_v2.sql': 'select 2 as id',
      'models/reader.sql': "select * from {{ ref('dim_customers', v=3) }}",
    });
    const r = await p.run('run');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "models/reader.sql:1:18 ref('dim_customers', v=3): model 'dim_customers' has no version 3 (its versions: 1, 2)",
    );
  });
});
