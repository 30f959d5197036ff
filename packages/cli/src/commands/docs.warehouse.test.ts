/**
 * `tsmodel docs generate` on a real PostgreSQL (TSMODEL_PG_URL): catalog.json as dbt-postgres
 * writes it (format_type types, `BASE TABLE`/`VIEW`, owners, comments), and the profile's
 * password written nowhere in it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../test-io';

const url = process.env.TSMODEL_PG_URL;

const STATS = {
  has_stats: {
    id: 'has_stats',
    label: 'Has Stats?',
    value: false,
    include: false,
    description: 'Indicates whether there are statistics for this table',
  },
};

describe.skipIf(!url)('tsmodel docs generate on PostgreSQL', () => {
  it('describes seeds, tables, views and sources; the password never reaches catalog.json', async () => {
    const u = new URL(url!);
    const user = decodeURIComponent(u.username);
    const password = decodeURIComponent(u.password);
    const database = u.pathname.slice(1);
    expect(password.length).toBeGreaterThanOrEqual(8);
    const schema = `docs_${process.pid}`;
    const raw = `${schema}_raw`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${raw} cascade; create schema ${raw};
        create table ${raw}.events (id bigint, payload jsonb, loaded_at timestamptz);
        comment on table ${raw}.events is 'loaded with key ${password}';`);
      const dir = tempProject({
        'dbt_project.yml': 'name: shop\nprofile: pg\n',
        'profiles.yml':
          `pg:\n  outputs:\n    dev:\n      type: postgres\n      host: ${u.hostname}\n      port: ${u.port}\n` +
          `      user: ${user}\n      password: "${password}"\n` +
          `      dbname: ${database}\n      schema: ${schema}\n`,
        'seeds/countries.csv': 'code,name\nde,Germany\n',
        'models/orders.sql': `{{ config(materialized='table', post_hook=[
          "comment on table {{ this }} is 'one row per order'",
          "comment on column {{ this }}.amount is 'in euros'"]) }}
select 1 as id, 12.5::numeric(18,2) as amount, 'de'::varchar(2) as country`,
        'models/orders_v.sql': `select o.id, c.name from {{ ref('orders') }} o
join {{ ref('countries') }} c on c.code = o.country`,
        'models/sources.yml': `version: 2\nsources:\n  - name: raw\n    schema: ${raw}\n    tables: [{name: events}, {name: missing}]\n`,
      });
      for (const args of [['seed'], ['run']]) {
        const r = await runCli(args, dir);
        expect(r.code, r.stderr).toBe(0);
      }
      const r = await runCli(['docs', 'generate'], dir, { DBT_ENV_CUSTOM_ENV_key: password });
      expect(r.code, r.stderr).toBe(0);
      const text = readFileSync(join(dir, 'target', 'catalog.json'), 'utf8');
      expect(text).not.toContain(password);
      const catalog = JSON.parse(text);
      expect(catalog.metadata.env).toEqual({ key: '*****' });
      const entry = (
        id: string,
        s: string,
        name: string,
        type: string,
        comment: string | null,
        columns: Array<[string, string, string | null]>,
      ) => ({
        metadata: { type, schema: s, name, database, comment, owner: user },
        columns: Object.fromEntries(
          columns.map(([c, t, note], i) => [c, { type: t, index: i + 1, name: c, comment: note }]),
        ),
        stats: STATS,
        unique_id: id,
      });
      expect(catalog.nodes).toEqual({
        'model.shop.orders': entry(
          'model.shop.orders',
          schema,
          'orders',
          'BASE TABLE',
          'one row per order',
          [
            ['id', 'integer', null],
            ['amount', 'numeric(18,2)', 'in euros'],
            ['country', 'character varying(2)', null],
          ],
        ),
        'model.shop.orders_v': entry('model.shop.orders_v', schema, 'orders_v', 'VIEW', null, [
          ['id', 'integer', null],
          ['name', 'text', null],
        ]),
        'seed.shop.countries': entry(
          'seed.shop.countries',
          schema,
          'countries',
          'BASE TABLE',
          null,
          [
            ['code', 'text', null],
            ['name', 'text', null],
          ],
        ),
      });
      expect(catalog.sources).toEqual({
        'source.shop.raw.events': entry(
          'source.shop.raw.events',
          raw,
          'events',
          'BASE TABLE',
          'loaded with key *****',
          [
            ['id', 'bigint', null],
            ['payload', 'jsonb', null],
            ['loaded_at', 'timestamp with time zone', null],
          ],
        ),
      });
      expect(catalog.errors).toBeNull();
    } finally {
      await client.query(
        `drop schema if exists ${raw} cascade; drop schema if exists ${schema} cascade`,
      );
      await client.end();
    }
  });
});
