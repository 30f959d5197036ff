import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JIT_FILES } from '@tsmodel/adapter-testkit';
import { testProject } from './run-fixtures';

const FILES = JIT_FILES;

describe('just-in-time rendering with execute = true', () => {
  it('renders introspective models against the warehouse at run time, static ones once', async () => {
    const p = testProject(FILES);
    const built = await p.run('build');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    // Without the run-time render the star fallback `*` would keep the excluded column.
    expect(await p.query('select * from main.starred order by id')).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    expect(await p.query('select * from main.counted')).toEqual([{ n: 2, ident: 'people' }]);
    expect(await p.query('select * from main.looked_up')).toEqual([
      { found: 'people', is_table: true },
    ]);
    const executed = readFileSync(
      join(p.dir, 'target', 'run', 'shop', 'models', 'starred.sql'),
      'utf8',
    );
    expect(executed).toContain('"id", "name" from');
  });

  it('runs the is_incremental() branch with run_query against the existing table', async () => {
    const p = testProject(FILES);
    expect((await p.run('build')).code).toBe(0);
    expect((await p.run('run', '-s', 'grows')).code).toBe(0);
    const rows = await p.query('select id from main.grows order by id');
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });

  it('compile stays offline and names the nodes that need --introspect; --introspect renders them', async () => {
    const p = testProject(FILES);
    const offline = await p.run('compile');
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(/3 nodes read the warehouse while rendering/);
    expect(offline.stdout).toContain('model.shop.starred');
    expect(offline.stdout).not.toContain('model.shop.static_one');
    const compiledStar = join(p.dir, 'target', 'compiled', 'shop', 'models', 'starred.sql');
    expect(readFileSync(compiledStar, 'utf8')).toContain('select * from');
    // Reused manifest (nothing changed): still says so.
    expect((await p.run('compile')).stdout).toMatch(/3 nodes read the warehouse/);
    expect((await p.run('seed')).code).toBe(0);
    const live = await p.run('compile', '--introspect');
    expect(live.code).toBe(0);
    expect(live.stdout).toContain('nodes rendered against the warehouse: 3');
    expect(readFileSync(compiledStar, 'utf8')).toContain('"id", "name" from');
  });

  it('run-operation: statements run once each, in order, with the final logs printed once', async () => {
    const p = testProject({
      ...FILES,
      'models/op_log.sql': "{{ config(materialized='table') }} select 0 as x where false",
    });
    expect((await p.run('build')).code).toBe(0);
    const op = await p.run('run-operation', 'make_and_count');
    expect(op.stderr).toBe('');
    expect(op.code).toBe(0);
    expect(op.stdout.match(/people: 2/g)).toHaveLength(1);
    expect(op.stdout).toContain('relation: op_log is_table=True');
    expect(await p.query('select count(*)::int as n from main.op_log')).toEqual([{ n: 1 }]);
  });

  it('hooks can query the warehouse', async () => {
    const p = testProject({
      ...FILES,
      'project.yml': `name: shop
version: '1.0'
profile: shop
on-run-end:
  - "create or replace table main.hook_saw as select {{ run_query('select count(*) from ' ~ ref('people')).columns[0].values()[0] if execute else -1 }} as n"
`,
    });
    expect((await p.run('build')).code).toBe(0);
    expect(await p.query('select n from main.hook_saw')).toEqual([{ n: 2 }]);
  });

  it('a ref reached only at run time fails its node (naming the depends_on fix); others still run', async () => {
    const p = testProject({
      ...FILES,
      'models/sneaky.sql':
        "{% if execute %}select * from {{ ref('starred') }}{% else %}select 1 as id{% endif %}",
      'models/after_sneaky.sql': "select * from {{ ref('sneaky') }}",
    });
    const run = await p.run('build');
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain(
      'model.shop.sneaky refers to model.shop.starred only in code that runs when execute is true',
    );
    expect(run.stdout + run.stderr).toContain("-- depends_on: {{ ref('starred') }}");
    expect(run.stdout).toMatch(/SKIP.*after_sneaky|after_sneaky.*SKIP/i);
    expect(await p.query('select count(*)::int as n from main.counted')).toEqual([{ n: 1 }]);
  });

  it('asks the catalog once per schema, however many models introspect it', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 5; i++)
      many[`models/star_${i}.sql`] =
        "{{ config(materialized='table') }} select {{ cols_except(ref('people'), except=['secret']) }} from {{ ref('people') }}";
    const p = testProject({ ...FILES, ...many });
    expect((await p.run('seed')).code).toBe(0);
    const run = await p.run(
      '--debug',
      'run',
      '-s',
      'star_0',
      'star_1',
      'star_2',
      'star_3',
      'star_4',
      '--threads',
      '1',
    );
    expect(run.code).toBe(0);
    const describes = (run.stdout + run.stderr).match(/duckdb_columns\(\)/g) ?? [];
    expect(describes.length).toBe(1);
  });
});

describe("dbt's relation macros for packages' own DDL", () => {
  it('make_temp_relation and get_create_table_as_sql build a table a run-operation can read', async () => {
    const p = testProject({
      ...FILES,
      'macros/ddl.sql': `
{% macro build_copy() %}
  {% set tmp = make_temp_relation(ref('people')) %}
  {% do run_query(get_create_table_as_sql(False, tmp, 'select id from ' ~ ref('people'))) %}
  {{ log('built ' ~ tmp.identifier ~ ' rows=' ~ run_query('select count(*) from ' ~ tmp).columns[0].values()[0], info=True) }}
{% endmacro %}`,
    });
    expect((await p.run('seed')).code).toBe(0);
    const op = await p.run('run-operation', 'build_copy');
    expect(op.stderr).toBe('');
    expect(op.stdout).toContain('built people__dbt_tmp rows=2');
    expect(await p.query('select count(*)::int as n from main.people__dbt_tmp')).toEqual([
      { n: 2 },
    ]);
  });

  it('a template error found only at run time names the file and line, as at compile time', async () => {
    const p = testProject({
      'macros/m.sql':
        '{% macro m() %}\n{% if execute %}\n{{ nothing.here }}\n{% endif %}\n{% endmacro %}\n',
      'models/a.sql': 'select 1 as id\n{{ m() }}\n',
    });
    const run = await p.run('run');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Error in model\.shop\.a: models\/a\.sql:2:\d+ template error/);
  });
});
