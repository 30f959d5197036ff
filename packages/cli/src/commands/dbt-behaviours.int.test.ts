/**
 * dbt behaviours the adapter suite exercises (issue 12), end to end on a DuckDB file:
 * `set_sql_header`, ephemeral models that open with `with`, `target/run/`, `seed --show`,
 * seeds' `quote_columns`, and one alias in several schemas.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EPHEMERAL_WITH_MODELS, EPHEMERAL_WITH_ROWS, QUOTING_SEED } from '@tsmodel/adapter-testkit';
import { testProject } from './run-fixtures';

describe('set_sql_header on DuckDB', () => {
  it('runs the header before the create, in the same session, for tables and incremental models', async () => {
    const p = testProject({
      'seeds/people.csv': 'id\n1\n2\n',
      'models/answer.sql': `{{ config(materialized='table') }}
{% call set_sql_header(config) %}
create or replace temporary macro add_one(x) as x + 1;
{% endcall %}
select add_one(41) as v`,
      'models/counted.sql': `{{ config(materialized='incremental') }}
{% call set_sql_header(config) %}
create or replace temporary macro people_count() as (select count(*) from {{ ref('people') }});
{% endcall %}
select people_count() as n, {{ var('run', 1) }} as run`,
    });
    expect((await p.run('seed')).code).toBe(0);
    const first = await p.run('run');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(await p.query('select v from answer')).toEqual([{ v: 42 }]);
    // The second run stages new rows: the header runs before that create too.
    expect((await p.run('run', '--vars', 'run: 2')).code).toBe(0);
    expect(await p.query('select n, run from counted order by run')).toEqual([
      { n: 2, run: 1 },
      { n: 2, run: 2 },
    ]);
    // Without the header the macro does not exist: the statement order is what makes it work.
    p.write({ 'models/answer.sql': "{{ config(materialized='table') }}\nselect add_one(41) as v" });
    const without = await p.run('run', '-s', 'answer');
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/add_one/);
  });
});

describe('ephemeral models that open with `with` on DuckDB', () => {
  it('merge their CTEs into the leading with of the models that ref them', async () => {
    const p = testProject(EPHEMERAL_WITH_MODELS);
    const run = await p.run('run');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const [model, total] of Object.entries(EPHEMERAL_WITH_ROWS))
      expect(await p.query(`select cast(total as int) as total from ${model}`)).toEqual([
        { total },
      ]);
    const compiled = readFileSync(join(p.dir, 'target/compiled/shop/models/with_top.sql'), 'utf8');
    expect(compiled).toMatch(/^\n-- the total\n\nwith __dbt__cte__eph_base as \(/);
    // One with of its own (the model's, now holding the CTEs) and one in each ephemeral's body.
    expect(compiled.match(/\bwith\b/gi)).toHaveLength(3);
  });
});

describe('target/run/ on DuckDB', () => {
  it("holds each node's executed statements, hooks and sql_header included; compiled/ the select", async () => {
    const p = testProject({
      'seeds/people.csv': 'id\n1\n',
      'models/orders.sql': `{{ config(materialized='table', pre_hook="select 'pre' as hook", post_hook="select 'post' as hook") }}
{% call set_sql_header(config) %}set threads = 2;{% endcall %}
select id from {{ ref('people') }}`,
      'models/orders.yml':
        'version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n        data_tests: [not_null]\n',
    });
    expect((await p.run('build')).code).toBe(0);
    const read = (file: string) => readFileSync(join(p.dir, 'target', file), 'utf8');
    expect(read('run/shop/models/orders.sql')).toBe(
      [
        "select 'pre' as hook;",
        'set threads = 2;',
        'create table "shop"."main"."orders" as (\n\n\nselect id from "shop"."main"."people"\n);',
        "select 'post' as hook;\n",
      ].join('\n\n'),
    );
    expect(read('compiled/shop/models/orders.sql')).toBe(
      '\n\nselect id from "shop"."main"."people"',
    );
    expect(read('run/shop/seeds/people.csv')).toMatch(
      /^create table "shop"\."main"\."people" as \(/,
    );
    expect(read('run/shop/models/orders.yml/not_null_orders_id.sql')).toMatch(
      /^select\n {2}count\(\*\) as failures,[\s\S]*where id is null\n\) dbt_internal_test;\n$/,
    );
    // A rebuild replaces the file with what that run executed.
    expect((await p.run('run')).code).toBe(0);
    expect(read('run/shop/models/orders.sql')).toContain(
      'create or replace table "shop"."main"."orders"',
    );
    // compile writes no run files.
    const q = testProject({ 'models/m.sql': 'select 1 as id' });
    expect((await q.run('compile')).code).toBe(0);
    expect(existsSync(join(q.dir, 'target/run'))).toBe(false);
  });
});

describe('seed --show on DuckDB', () => {
  it("prints each loaded seed's first rows before the summary", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i + 1},n${i + 1}`).join('\n');
    const p = testProject({
      'seeds/people.csv': `id,name\n${rows}\n`,
      'seeds/codes.csv': 'code\nA\n',
    });
    const shown = await p.run('seed', '--show');
    expect(shown.code).toBe(0);
    const out = shown.stdout;
    expect(out).toContain(
      'Sample of table: main.codes\n---------------------------\n| code |\n| ---- |\n| A    |\n',
    );
    const people = out.slice(out.indexOf('Sample of table: main.people'));
    expect(people.split('\n').filter((l) => /^\| \d/.test(l))).toHaveLength(10);
    expect(out.indexOf('Sample of table')).toBeLessThan(out.indexOf('Done. PASS=2'));
    expect((await p.run('seed')).stdout).not.toContain('Sample of table');
  });
});

describe("seeds' quote_columns on DuckDB", () => {
  // DuckDB keeps the case of unquoted names too, so the three agree (PostgreSQL's differ).
  it("runs dbt's column-quoting scenario with quote_columns unset, true and false", async () => {
    for (const quote of [undefined, true, false]) {
      const p = testProject({
        ...(quote === undefined
          ? {}
          : {
              'project.yml': `name: shop\nversion: "1.0.0"\nprofile: shop\nseeds:\n  +quote_columns: ${quote}\n`,
            }),
        'seeds/seed.csv': QUOTING_SEED,
        'models/model.sql':
          "{{ config(materialized='incremental', unique_key='\"col_A\"') }}\nselect \"col_A\", col_b from {{ ref('seed') }}",
      });
      expect((await p.run('seed')).code).toBe(0);
      expect((await p.run('run')).code).toBe(0);
      expect((await p.run('run')).code).toBe(0);
      expect(await p.query('select * from model order by 1')).toEqual([
        { col_A: 1, col_B: 2 },
        { col_A: 3, col_B: 4 },
        { col_A: 5, col_B: 6 },
      ]);
    }
  });
});

describe('one alias in several schemas on DuckDB', () => {
  it("builds each (dbt's BaseSameAliasDifferentSchemas), this naming the alias", async () => {
    const model = (config: string) =>
      `{{ config(alias='duped_alias'${config}) }}\nselect '{{ this.schema }}' as schemaname, '{{ this.name }}' as tablename`;
    const p = testProject({
      'models/model_a.sql': model(", schema='schema_a'"),
      'models/model_b.sql': model(", schema='schema_b'"),
      'models/model_c.sql': model(''),
    });
    expect((await p.run('run')).code).toBe(0);
    for (const schema of ['main', 'main_schema_a', 'main_schema_b'])
      expect(await p.query(`select * from ${schema}.duped_alias`)).toEqual([
        { schemaname: schema, tablename: 'duped_alias' },
      ]);
  });
});
