/** `tsmodel source freshness` on DuckDB: ages from the warehouse's clock, sources.json, exit codes. */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testProject } from './run-fixtures';

const SOURCES = `version: 2
sources:
  - name: raw
    schema: raw
    loaded_at_field: loaded_at
    freshness:
      warn_after: {count: 1, period: hour}
      error_after: {count: 1, period: day}
    tables:
      - name: fresh
      - name: hours_old
      - name: days_old
      - name: filtered
        freshness:
          filter: "kind = 'old'"
      - name: empty
      - name: unchecked
        freshness: null
`;

describe('tsmodel source freshness', () => {
  it('judges each source by the age of its newest row and writes sources.json', async () => {
    const p = testProject({ 'models/sources.yml': SOURCES });
    mkdirSync(join(p.dir, 'target'));
    // Naive timestamps in UTC, as loaders write them (dbt reads them as UTC).
    const utc = (interval: string) => `(now() at time zone 'UTC') - interval '${interval}'`;
    await p.query(`create schema raw;
      create table raw.fresh as select ${utc('5 minutes')} as loaded_at;
      create table raw.hours_old as select ${utc('3 hours')} as loaded_at;
      create table raw.days_old as select ${utc('3 days')} as loaded_at;
      create table raw.filtered as select ${utc('1 minute')} as loaded_at, 'new' as kind
        union all select ${utc('2 days')}, 'old';
      create table raw.empty (loaded_at timestamp);
      create table raw.unchecked as select ${utc('30 days')} as loaded_at;`);
    const r = await p.run('source', 'freshness');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/PASS freshness of raw\.fresh: newest row \d+ s old/);
    expect(r.stderr + r.stdout).toMatch(/WARN freshness of raw\.hours_old/);
    expect(r.stderr).toMatch(/ERROR STALE freshness of raw\.days_old/);
    expect(r.stderr).toMatch(/ERROR STALE freshness of raw\.filtered/);
    expect(r.stderr).toMatch(/ERROR freshness of raw\.empty: no rows with a loaded_at_field value/);
    expect(r.stdout + r.stderr).not.toContain('unchecked');

    const artifact = JSON.parse(readFileSync(join(p.dir, 'target', 'sources.json'), 'utf8'));
    expect(artifact.metadata.dbt_schema_version).toBe(
      'https://schemas.getdbt.com/dbt/sources/v3.json',
    );
    const byId = Object.fromEntries(
      artifact.results.map((x: { unique_id: string; status: string }) => [x.unique_id, x]),
    );
    expect(Object.keys(byId).sort()).toEqual([
      'source.shop.raw.days_old',
      'source.shop.raw.empty',
      'source.shop.raw.filtered',
      'source.shop.raw.fresh',
      'source.shop.raw.hours_old',
    ]);
    expect(byId['source.shop.raw.hours_old'].status).toBe('warn');
    expect(byId['source.shop.raw.hours_old'].max_loaded_at_time_ago_in_s).toBeGreaterThan(
      3 * 3600 - 60,
    );
    expect(byId['source.shop.raw.hours_old'].max_loaded_at_time_ago_in_s).toBeLessThan(
      3 * 3600 + 60,
    );
    expect(byId['source.shop.raw.hours_old'].criteria).toEqual({
      warn_after: { count: 1, period: 'hour' },
      error_after: { count: 1, period: 'day' },
      filter: null,
    });
    expect(byId['source.shop.raw.empty'].status).toBe('runtime error');

    const selected = await p.run('source', 'freshness', '-s', 'source:raw.fresh');
    expect(selected.code).toBe(0);
    expect(selected.stdout).toContain('PASS freshness of raw.fresh');
    expect(selected.stdout).not.toContain('hours_old');
  });

  it('a threshold without loaded_at_field is an error naming the source', async () => {
    const p = testProject({
      'models/sources.yml':
        'version: 2\nsources:\n  - name: raw\n    freshness: {warn_after: {count: 1, period: hour}}\n    tables: [{name: t}]\n',
    });
    const r = await p.run('source', 'freshness');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'source.shop.raw.t has a freshness threshold but no loaded_at_field',
    );
  });
});

describe('loaded_at_query and source_status:', () => {
  const FILES = {
    'models/sources.yml': `version: 2
sources:
  - name: raw
    schema: raw
    config:
      freshness:
        warn_after: {count: 1, period: hour}
    tables:
      - name: events
        config:
          loaded_at_query: "select max(arrived_at) from raw.event_batches"
      - name: orders
        config:
          loaded_at_field: loaded_at
`,
    'models/events_daily.sql': "select count(*) as n from {{ source('raw', 'events') }}",
    'models/orders_daily.sql': "select count(*) as n from {{ source('raw', 'orders') }}",
  };
  const utc = (interval: string) => `(now() at time zone 'UTC') - interval '${interval}'`;

  it('judges a source by the time its loaded_at_query returns', async () => {
    const p = testProject(FILES);
    mkdirSync(join(p.dir, 'target'));
    await p.query(`create schema raw;
      create table raw.events (id int);
      create table raw.event_batches as select ${utc('3 hours')} as arrived_at;
      create table raw.orders as select ${utc('5 minutes')} as loaded_at;`);
    const r = await p.run('source', 'freshness');
    expect(r.stdout + r.stderr).toMatch(/WARN freshness of raw\.events/);
    expect(r.stdout).toMatch(/PASS freshness of raw\.orders/);
  });

  it('source_status:fresher+ selects what reads sources loaded since the state run', async () => {
    const p = testProject(FILES);
    mkdirSync(join(p.dir, 'target'));
    await p.query(`create schema raw;
      create table raw.events (id int);
      create table raw.event_batches as select ${utc('3 hours')} as arrived_at;
      create table raw.orders as select ${utc('2 hours')} as loaded_at;`);
    await p.run('source', 'freshness');
    const state = join(p.dir, 'state');
    mkdirSync(state);
    expect((await p.run('compile')).code).toBe(0);
    for (const f of ['manifest.json', 'sources.json'])
      copyFileSync(join(p.dir, 'target', f), join(state, f));
    await p.query(`insert into raw.orders select ${utc('1 minute')}`);
    await p.run('source', 'freshness');
    const ls = await p.run(
      'ls',
      '-s',
      'source_status:fresher+',
      '--state',
      state,
      '--output',
      'name',
    );
    expect(ls.code).toBe(0);
    expect(ls.stdout.trim().split('\n').sort()).toEqual(['orders_daily', 'raw.orders']);
  });

  it('source_status without this target’s sources.json says to run source freshness', async () => {
    const p = testProject(FILES);
    const state = join(p.dir, 'state');
    mkdirSync(state, { recursive: true });
    expect((await p.run('compile')).code).toBe(0);
    copyFileSync(join(p.dir, 'target', 'manifest.json'), join(state, 'manifest.json'));
    const ls = await p.run('ls', '-s', 'source_status:fresher', '--state', state);
    expect(ls.code).toBe(1);
    expect(ls.stderr).toContain('run `tsmodel source freshness` first');
  });
});
