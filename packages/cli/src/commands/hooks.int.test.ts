import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

/** A log table the hooks write to, in the order they ran. */
const PROJECT = `name: shop
version: "1.0.0"
profile: shop
on-run-start:
  - "create sequence if not exists hook_seq"
  - sql: "create table if not exists hook_log (n integer default nextval('hook_seq'), msg varchar)"
    transaction: false
`;

const logged = async (p: ReturnType<typeof testProject>) =>
  (await p.query('select msg from hook_log order by n')).map((r) => String(r.msg));

describe('hooks as dbt has them', () => {
  it('runs transaction: false hooks (before_begin, after_commit, dicts) around the others', async () => {
    const p = testProject({
      'project.yml': `${PROJECT}models:\n  shop:\n    b:\n      +post-hook:\n        sql: "insert into hook_log (msg) values ('b dict')"\n        transaction: false\n`,
      'models/a.sql': `{{ config(
  pre_hook=["insert into hook_log (msg) values ('a in pre')", before_begin("insert into hook_log (msg) values ('a before begin')")],
  post_hook=[after_commit("insert into hook_log (msg) values ('a after commit')"), "insert into hook_log (msg) values ('a in post')"]
) }}
select 1 as id`,
      'models/b/b.sql': "select * from {{ ref('a') }}",
    });
    const { code, stderr } = await p.run('run');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(await logged(p)).toEqual([
      'a before begin',
      'a in pre',
      'a in post',
      'a after commit',
      'b dict',
    ]);
  });

  it('reads a printed after_commit dict, resolving the relations in its SQL', async () => {
    const p = testProject({
      'project.yml': `${PROJECT}models:\n  shop:\n    +post-hook: "{{ after_commit('insert into hook_log (msg) select count(*) from ' ~ this) }}"\n`,
      'models/a.sql': 'select 1 as id union all select 2',
    });
    expect((await p.run('run')).code).toBe(0);
    expect(await logged(p)).toEqual(['2']);
  });

  it('makes a ref() in a hook a dependency of its node', async () => {
    const p = testProject({
      'project.yml': PROJECT,
      'models/a.sql': 'select 1 as id',
      'models/b.sql': `{{ config(post_hook="insert into hook_log (msg) select 'a has ' || count(*) from {{ ref('a') }}") }}
select 2 as id`,
    });
    const ls = await p.run('ls', '-s', '+b', '--output', 'name');
    expect(ls.stdout.trim().split('\n').sort()).toEqual(['a', 'b']);
    expect((await p.run('run', '--threads', '2')).code).toBe(0);
    expect(await logged(p)).toEqual(['a has 1']);
  });

  it('gives on-run-end results, schemas and database_schemas', async () => {
    const p = testProject({
      'project.yml': `${PROJECT}on-run-end:
  - "insert into hook_log (msg) values ('{{ schemas | sort | join(',') }}')"
  - "insert into hook_log (msg) values ('{% for db, s in database_schemas | sort %}{{ 'none' if db is none else db }}.{{ s }} {% endfor %}')"
  - "insert into hook_log (msg) values ('{% for r in results %}{{ r.node.name }}={{ r.status }} {% endfor %}')"
models:
  shop:
    extra:
      +schema: extra
`,
      'models/a.sql': 'select 1 as id',
      'models/extra/c.sql': 'select 3 as id',
      'models/bad.sql': 'select nope',
    });
    expect((await p.run('run')).code).toBe(1);
    const [schemas, pairs, results] = await logged(p);
    expect(schemas).toBe('main,main_extra');
    // DuckDB relations name their database: the catalog of the project's shop.duckdb.
    expect(pairs).toBe('shop.main shop.main_extra ');
    expect(results!.split(' ').filter(Boolean).sort()).toEqual([
      'a=success',
      'bad=error',
      'c=success',
    ]);
  });
});
