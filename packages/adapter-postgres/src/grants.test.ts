/**
 * dbt's `grants` on PostgreSQL (TSMODEL_PG_URL): tables, views, incremental models, seeds and
 * snapshots granted as they are built; a kept relation (an incremental run, a seed reload, a
 * snapshot's merge) has the grants its config no longer names revoked, as dbt's `apply_grants`.
 * Grantees are PUBLIC and the predefined role pg_monitor, so the test creates no roles.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { pgTestProject, type PgTestProject } from './pg-test-project';

const url = process.env.TSMODEL_PG_URL;

const files = (readers: string) => ({
  'project.yml': `name: shop
version: "1.0.0"
profile: shop
models:
  +grants: {select: [pg_monitor]}
`,
  'seeds/s.csv': 'id\n1\n',
  'seeds/properties.yml': `seeds:\n  - name: s\n    config: {grants: {select: ${readers}}}\n`,
  // `+select` adds to the project's select instead of replacing it, as in dbt.
  'models/t.sql':
    "{{ config(materialized='table', grants={'+select': ['public']}) }}\nselect 1 as id",
  'models/v.sql':
    "{{ config(materialized='view', grants={'select': ['public']}) }}\nselect 1 as id",
  'models/inc.sql': `{{ config(materialized='incremental', unique_key='id', grants={'select': ${readers}}) }}
select id from {{ ref('s') }}`,
  'snapshots/snap.sql': `{% snapshot snap %}
{{ config(unique_key='id', strategy='check', check_cols='all', grants={'select': ${readers}}) }}
select id from {{ ref('s') }}
{% endsnapshot %}
`,
});

describe.skipIf(!url)('grants on PostgreSQL (TSMODEL_PG_URL)', () => {
  let p: PgTestProject;
  afterAll(async () => {
    await p?.cleanup();
  });
  const grants = async () =>
    (
      await p.sql<{ t: string; privilege: string; grantee: string }>(
        `select table_name as t, privilege_type as privilege, grantee
         from information_schema.role_table_grants
         where table_schema = $1 and grantee <> current_user
         order by 1, 2, 3`,
        [p.schema],
      )
    ).map((g) => `${g.t} ${g.privilege} ${g.grantee}`);

  it('grants each relation as it is built', async () => {
    p = pgTestProject(url!, 'grants', files("['pg_monitor', 'public']"));
    const build = await p.run('build');
    expect(build.code, build.output).toBe(0);
    expect(await grants()).toEqual([
      'inc SELECT PUBLIC',
      'inc SELECT pg_monitor',
      's SELECT PUBLIC',
      's SELECT pg_monitor',
      'snap SELECT PUBLIC',
      'snap SELECT pg_monitor',
      't SELECT PUBLIC',
      't SELECT pg_monitor',
      'v SELECT PUBLIC',
    ]);
  });

  it('revokes on kept relations what the config no longer names, and changes nothing when nothing changed', async () => {
    // A grant made by hand on the kept table is not in the config: dbt revokes it too.
    await p.sql(`grant insert on ${p.schema}.inc to pg_monitor`);
    p.write(files("['pg_monitor']"));
    const build = await p.run('build');
    expect(build.code, build.output).toBe(0);
    const expected = [
      'inc SELECT pg_monitor',
      's SELECT pg_monitor',
      'snap SELECT pg_monitor',
      't SELECT PUBLIC',
      't SELECT pg_monitor',
      'v SELECT PUBLIC',
    ];
    expect(await grants()).toEqual(expected);
    const again = await p.run('build');
    expect(again.code, again.output).toBe(0);
    expect(await grants()).toEqual(expected);
  });
});
