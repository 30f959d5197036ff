/**
 * `tsmodel run` end to end on a DuckDB file: every materialization and incremental strategy,
 * second incremental runs, --full-refresh with selection, failures that keep the old relation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linesWith, testProject } from './run-fixtures';

const EVENTS_V1 = 'id,status,v\n1,new,10\n2,new,20\n';
const EVENTS_V2 = 'id,status,v\n1,new,10\n2,done,25\n3,new,30\n';

function incremental(strategy: string, key = "unique_key='id', "): string {
  return `{{ config(materialized='incremental', ${key}incremental_strategy='${strategy}') }}
select id, status, v from {{ ref('events') }}
{% if is_incremental() %} where id >= (select max(id) from {{ this }}) {% endif %}`;
}

describe('tsmodel run: materializations', () => {
  it('builds views, tables, ephemeral models and every incremental strategy, then applies only new and changed rows', async () => {
    const p = testProject({
      'seeds/events.csv': EVENTS_V1,
      'models/eph.sql':
        "{{ config(materialized='ephemeral') }}\nselect id, v * 2 as v2 from {{ ref('events') }}",
      'models/as_view.sql': "select * from {{ ref('eph') }}",
      'models/as_table.sql':
        "{{ config(materialized='table') }}\nselect count(*) as n from {{ ref('as_view') }}",
      'models/inc_merge.sql': incremental('merge'),
      'models/inc_delete_insert.sql': incremental('delete+insert'),
      'models/inc_append.sql': incremental('append', ''),
    });
    expect((await p.run('seed')).code).toBe(0);
    const first = await p.run('run');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /OK created sql table model main\.as_table \.+ \[SELECT 1 in \d+\.\d\ds\]/,
    );
    // Ephemeral models build nothing: no progress line, no result, not counted (as in dbt).
    expect(first.stdout).toContain('Done. PASS=5 WARN=0 ERROR=0 SKIP=0 TOTAL=5');
    expect(first.stdout).not.toMatch(/ model (main\.)?eph /);
    const runResults = JSON.parse(readFileSync(join(p.dir, 'target', 'run_results.json'), 'utf8'));
    expect(runResults.results.map((r: { unique_id: string }) => r.unique_id)).not.toContain(
      'model.shop.eph',
    );
    const kinds = await p.query(
      "select table_name, table_type from information_schema.tables where table_schema = 'main' order by 1",
    );
    expect(kinds).toEqual([
      { table_name: 'as_table', table_type: 'BASE TABLE' },
      { table_name: 'as_view', table_type: 'VIEW' },
      { table_name: 'events', table_type: 'BASE TABLE' },
      { table_name: 'inc_append', table_type: 'BASE TABLE' },
      { table_name: 'inc_delete_insert', table_type: 'BASE TABLE' },
      { table_name: 'inc_merge', table_type: 'BASE TABLE' },
    ]);
    expect(await p.query('select * from as_view order by id')).toEqual([
      { id: 1, v2: 20 },
      { id: 2, v2: 40 },
    ]);

    p.write({ 'seeds/events.csv': EVENTS_V2 });
    expect((await p.run('seed')).code).toBe(0);
    const second = await p.run('run', '-s', 'inc_merge', 'inc_delete_insert', 'inc_append');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/OK created sql incremental model main\.inc_merge .*\[INSERT/);
    const updated = [
      { id: 1, status: 'new', v: 10 },
      { id: 2, status: 'done', v: 25 },
      { id: 3, status: 'new', v: 30 },
    ];
    expect(await p.query('select * from inc_merge order by id')).toEqual(updated);
    expect(await p.query('select * from inc_delete_insert order by id')).toEqual(updated);
    // append re-inserts the boundary row (id >= max) and never updates: exactly what it promises.
    expect(await p.query('select * from inc_append order by id, status')).toEqual([
      { id: 1, status: 'new', v: 10 },
      { id: 2, status: 'done', v: 25 },
      { id: 2, status: 'new', v: 20 },
      { id: 3, status: 'new', v: 30 },
    ]);
    expect(await p.relations()).not.toContainEqual(expect.stringContaining('__tsmodel'));
  });

  it('on_schema_change append_new_columns adds the new column; fail stops with the old table intact', async () => {
    const model = (cols: string, mode: string) =>
      `{{ config(materialized='incremental', unique_key='id', on_schema_change='${mode}') }}\nselect ${cols} from range(3) t(id)`;
    const p = testProject({
      'models/grow.sql': model('id', 'append_new_columns'),
      'models/strict.sql': model('id', 'fail'),
    });
    expect((await p.run('run')).code).toBe(0);
    p.write({
      'models/grow.sql': model("id, 'x' as extra", 'append_new_columns'),
      'models/strict.sql': model("id, 'x' as extra", 'fail'),
    });
    const second = await p.run('run');
    expect(second.code).toBe(1);
    expect(linesWith(second.stdout, 'main.grow')[1]).toContain('OK created');
    expect(linesWith(second.stdout, 'main.strict')[1]).toContain('ERROR creating');
    expect((await p.query('select * from grow order by id')).at(-1)).toEqual({ id: 2, extra: 'x' });
    expect(await p.query('select * from strict order by id')).toEqual([
      { id: 0 },
      { id: 1 },
      { id: 2 },
    ]);
    expect(await p.relations()).toEqual(['grow', 'strict']);
  });
});

describe('tsmodel run: --full-refresh --select x+', () => {
  it('rebuilds x and its descendants only', async () => {
    const inc = (from: string) =>
      `{{ config(materialized='incremental') }}\nselect {{ var('batch') }} as batch${from ? ` from ${from}` : ''}`;
    const p = testProject({
      'models/a.sql': inc(''),
      'models/x.sql': inc("{{ ref('a') }}"),
      'models/y.sql': inc("{{ ref('x') }}"),
    });
    expect((await p.run('run', '--vars', 'batch: 1')).code).toBe(0);
    const second = await p.run('run', '--vars', 'batch: 2', '--full-refresh', '--select', 'x+');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('TOTAL=2');
    expect(await p.query('select batch from a')).toEqual([{ batch: 1 }]);
    expect(await p.query('select batch from x')).toEqual([{ batch: 2 }]);
    expect(await p.query('select batch from y')).toEqual([{ batch: 2 }]);
    // Without --full-refresh an incremental run appends.
    expect((await p.run('run', '--vars', 'batch: 3', '-s', 'a')).code).toBe(0);
    expect(await p.query('select batch from a order by 1')).toEqual([{ batch: 1 }, { batch: 3 }]);
  });
});

describe('tsmodel run: failures', () => {
  it('keeps the old table readable, skips only descendants, runs independent branches, exits 1', async () => {
    const p = testProject({
      'models/bad.sql': "{{ config(materialized='table') }}\nselect {{ var('n') }} as n",
      'models/bad_child.sql': "{{ config(materialized='table') }}\nselect * from {{ ref('bad') }}",
      'models/other.sql': "{{ config(materialized='table') }}\nselect {{ var('n') }} as n",
    });
    expect((await p.run('run', '--vars', 'n: 1')).code).toBe(0);
    p.write({
      'models/bad.sql': "{{ config(materialized='table') }}\nselect n from no_such_table",
    });
    const second = await p.run('run', '--vars', 'n: 2', '--threads', '1');
    expect(second.code).toBe(1);
    expect(linesWith(second.stdout, 'main.bad ')[1]).toMatch(
      /ERROR creating sql table model main\.bad \.+ \[ERROR in/,
    );
    expect(linesWith(second.stdout, 'main.bad_child')[0]).toMatch(
      /SKIP sql table model main\.bad_child \.+ \[SKIP\]/,
    );
    expect(second.stdout).toContain('Done. PASS=1 WARN=0 ERROR=1 SKIP=1 TOTAL=3');
    expect(second.stderr).toContain('Error in model.shop.bad');
    expect(second.stderr).toContain('no_such_table');
    expect(await p.query('select n from bad')).toEqual([{ n: 1 }]);
    expect(await p.query('select n from other')).toEqual([{ n: 2 }]);
    expect(await p.relations()).toEqual(['bad', 'bad_child', 'other']);
  });

  it('--fail-fast stops scheduling after the first error and skips the rest', async () => {
    const p = testProject({
      'models/a_bad.sql': 'select * from missing_table',
      'models/b.sql': 'select 1 as one',
      'models/c.sql': 'select 2 as two',
    });
    const { code, stdout } = await p.run('run', '--fail-fast', '--threads', '1');
    expect(code).toBe(1);
    expect(stdout).toContain('ERROR=1');
    expect(stdout).toContain('SKIP=2');
    expect(await p.relations()).toEqual([]);
  });
});

describe('tsmodel run: nothing selected', () => {
  it('still writes run_results.json, empty, so the last run is not mistaken for this one', async () => {
    const p = testProject({ 'models/m.sql': "{{ config(materialized='table') }}\nselect 1 as id" });
    expect((await p.run('run')).code).toBe(0);
    const none = await p.run('run', '-s', 'tag:nothing');
    expect(none.code).toBe(0);
    expect(none.stdout + none.stderr).toContain('Nothing to do');
    const artifact = JSON.parse(readFileSync(join(p.dir, 'target', 'run_results.json'), 'utf8'));
    expect(artifact.results).toEqual([]);
    expect(artifact.args.which).toBe('run');
  });
});

describe('tsmodel run --empty', () => {
  it('builds every relation with no rows read from refs and sources; the next run is real again', async () => {
    const p = testProject({
      'seeds/events.csv': EVENTS_V1,
      'models/sources.yml':
        'version: 2\nsources:\n  - name: raw\n    schema: raw\n    tables: [{name: events}]\n',
      'models/from_ref.sql':
        "{{ config(materialized='table') }}\nselect id, v from {{ ref('events') }}",
      'models/from_source.sql': "select count(*) as n from {{ source('raw', 'events') }}",
    });
    expect((await p.run('seed')).code).toBe(0);
    await p.query('create schema raw; create table raw.events as select * from main.events');
    const empty = await p.run('run', '--empty');
    expect(empty.stderr).toBe('');
    expect(empty.code).toBe(0);
    expect(await p.query('select count(*) as n from from_ref')).toEqual([{ n: 0 }]);
    expect(await p.query('select n from from_source')).toEqual([{ n: 0 }]);
    const compiled = readFileSync(join(p.dir, 'target/compiled/shop/models/from_ref.sql'), 'utf8');
    // DuckDB needs no subquery alias, so a user's own `… as e` after the ref still parses.
    expect(compiled).toContain('where false limit 0)');
    expect(compiled).not.toContain('_dbt_limit_subq');

    expect((await p.run('run')).code).toBe(0);
    expect(await p.query('select count(*) as n from from_ref')).toEqual([{ n: 2 }]);
    expect(await p.query('select n from from_source')).toEqual([{ n: 2 }]);
  });
});
