/**
 * dbt behaviours the adapter suite exercises (issue 12) on PostgreSQL (TSMODEL_PG_URL), through
 * the bin: `set_sql_header` (a `set local` and a `pg_temp` function the select uses), ephemeral
 * models that open with `with`, seeds' `quote_columns` (quoted by default, as dbt-postgres),
 * `target/run/` and `seed --show`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EPHEMERAL_WITH_MODELS, EPHEMERAL_WITH_ROWS, QUOTING_SEED } from '@tsmodel/adapter-testkit';
import { pgTestProject, type PgTestProject } from './pg-test-project';

const url = process.env.TSMODEL_PG_URL;

const HEADER = `{% call set_sql_header(config) %}
set local tsmodel.answer = '41';
create or replace function pg_temp.add_one(i int) returns int language sql as $$ select i + 1 $$;
{% endcall %}`;

describe.skipIf(!url)('dbt behaviours on PostgreSQL (TSMODEL_PG_URL)', () => {
  const projects: PgTestProject[] = [];
  const project = (name: string, files: Record<string, string>) => {
    const p = pgTestProject(url!, name, files);
    projects.push(p);
    return p;
  };
  afterAll(async () => {
    for (const p of projects) await p.cleanup();
  });

  it("set_sql_header runs in the create's session and transaction, for tables and incremental models", async () => {
    const p = project('hdr', {
      'models/answer.sql': `{{ config(materialized='table') }}\n${HEADER}\nselect pg_temp.add_one(current_setting('tsmodel.answer')::int) as v`,
      'models/counted.sql': `{{ config(materialized='incremental') }}\n${HEADER}\nselect pg_temp.add_one(current_setting('tsmodel.answer')::int) as v, {{ var('run', 1) }} as run`,
    });
    const first = await p.run('run');
    expect(first.output).toContain('Done. PASS=2');
    expect(first.code).toBe(0);
    expect(await p.sql(`select v from "${p.schema}".answer`)).toEqual([{ v: 42 }]);
    // The second run stages rows in a create of its own: the header joins its transaction.
    expect((await p.run('run', '--vars', 'run: 2')).code).toBe(0);
    expect(await p.sql(`select v, run from "${p.schema}".counted order by run`)).toEqual([
      { v: 42, run: 1 },
      { v: 42, run: 2 },
    ]);
    const executed = readFileSync(join(p.dir, 'target/run/shop/models/counted.sql'), 'utf8');
    expect(executed.indexOf("set local tsmodel.answer = '41'")).toBeLessThan(
      executed.indexOf('create table'),
    );
  });

  it('ephemeral models that open with with merge into the leading with of their children', async () => {
    const p = project('ephwith', EPHEMERAL_WITH_MODELS);
    const run = await p.run('run');
    expect(run.output).toContain('Done. PASS=4');
    expect(run.code).toBe(0);
    for (const [model, total] of Object.entries(EPHEMERAL_WITH_ROWS))
      expect(await p.sql(`select total::int as total from "${p.schema}".${model}`)).toEqual([
        { total },
      ]);
  });

  it("quotes seed columns by default and folds them with quote_columns: false (dbt's column-quoting tests)", async () => {
    const model = (cols: string) =>
      `{{ config(materialized='incremental', unique_key='${cols.split(', ')[0]!.replaceAll("'", "\\'")}') }}\nselect ${cols} from {{ ref('seed') }}`;
    const quoted = project('quoted', {
      'seeds/seed.csv': QUOTING_SEED,
      'models/model.sql': model('"col_A", "col_B"'),
    });
    const folded = project('folded', {
      'project.yml':
        'name: shop\nversion: "1.0.0"\nprofile: shop\nseeds:\n  +quote_columns: false\n',
      'seeds/seed.csv': QUOTING_SEED,
      'models/model.sql': model('"col_a", "col_b"'),
    });
    for (const p of [quoted, folded])
      for (const command of ['seed', 'run', 'run']) {
        const r = await p.run(command);
        expect(r.code, r.output).toBe(0);
      }
    const columns = (p: PgTestProject) =>
      p.sql(
        `select column_name from information_schema.columns where table_schema = $1 and table_name = 'seed' order by ordinal_position`,
        [p.schema],
      );
    expect(await columns(quoted)).toEqual([{ column_name: 'col_A' }, { column_name: 'col_B' }]);
    expect(await columns(folded)).toEqual([{ column_name: 'col_a' }, { column_name: 'col_b' }]);
    expect(await folded.sql(`select count(*)::int as n from "${folded.schema}".model`)).toEqual([
      { n: 3 },
    ]);
  });

  it("seed --show prints the loaded rows; target/run/ holds the seed's inserts", async () => {
    const p = project('seedshow', { 'seeds/codes.csv': 'code,n\nA,1\nB,2\n' });
    const shown = await p.run('seed', '--show');
    expect(shown.code).toBe(0);
    expect(shown.output).toContain(
      `Sample of table: ${p.schema}.codes\n${'-'.repeat(`Sample of table: ${p.schema}.codes`.length)}\n| code | n |\n| ---- | - |\n| A    | 1 |\n| B    | 2 |\n`,
    );
    const executed = readFileSync(join(p.dir, 'target/run/shop/seeds/codes.csv'), 'utf8');
    expect(executed).toMatch(/^create table "[^"]+"\."codes" \(/);
    expect(executed).toContain(`insert into "${p.schema}"."codes" ("code", "n") values`);
  });
});
