import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

const FILES = {
  'seeds/people.csv': 'id,name\n1,ann\n2,bob\n3,cy\n4,di\n5,ed\n6,flo\n',
  'models/eph.sql':
    "{{ config(materialized='ephemeral') }}\nselect * from {{ ref('people') }} where id > 1",
  'models/adults.sql': "select id, upper(name) as name from {{ ref('eph') }}",
};

describe('tsmodel show', () => {
  it('previews a model (5 rows by default) as a table, without building it', async () => {
    const p = testProject(FILES);
    expect((await p.run('seed')).code).toBe(0);
    const { code, stdout } = await p.run('show', '--select', 'adults');
    expect(code).toBe(0);
    expect(stdout).toContain("Previewing node 'adults':");
    expect(stdout).toContain('| id | name |');
    expect(stdout).toContain('| 2  | BOB  |');
    expect(stdout.split('\n').filter((l) => /^\| \d/.test(l))).toHaveLength(5);
    expect(await p.relations()).toEqual(['people']);
  });

  it('runs inline SQL with refs (ephemeral ones inlined) and prints JSON with --limit', async () => {
    const p = testProject(FILES);
    expect((await p.run('seed')).code).toBe(0);
    const { code, stdout } = await p.run(
      'show',
      '--inline',
      "select id from {{ ref('eph') }} order by id",
      '--limit',
      '2',
      '--output',
      'json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim())).toEqual({ node: 'inline', show: [{ id: 2 }, { id: 3 }] });
  });

  it("--limit -1 shows every row, as dbt's does", async () => {
    const p = testProject(FILES);
    const { code, stdout } = await p.run(
      'show',
      '--inline',
      'select * from range(12) t(id)',
      '--limit',
      '-1',
      '--output',
      'json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim()).show).toHaveLength(12);
  });

  it('an unknown ref in inline SQL is a user error with a suggestion', async () => {
    const p = testProject(FILES);
    const { code, stderr } = await p.run('show', '--inline', "select * from {{ ref('adult') }}");
    expect(code).toBe(1);
    expect(stderr).toContain('adults');
  });
});
