/**
 * The Snowplow events generator through its CLI: a seed reproduces the data, a load has exactly
 * --events rows with the designed shares of duplicates and stray pings, page pings follow their
 * page view at the heartbeat, domain_sessionidx counts each user's sessions across batches, an
 * appended batch is collected after everything loaded, and the bundled web model builds page
 * views, sessions and users from a 20k-event sample.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';

const GENERATE = fileURLToPath(new URL('./generate.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'tsmodel.js');
const EVENTS = 20_000;

function run(file: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(process.execPath, [file, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  if (result.status !== 0)
    throw new Error(`${path.basename(file)} ${args.join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

const generate = (db: string, args: string[]) => run(GENERATE, ['--db', db, ...args]);

async function query(db: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Array<Record<string, unknown>>;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
const one = async (db: string, sql: string) => (await query(db, sql))[0]!;

/** An order-independent fingerprint of every column of every row. */
const contentHash = async (db: string) =>
  String((await one(db, 'select sum(hash(e)::hugeint) as h from atomic.events as e')).h);

const freshDb = (label: string) => path.join(mkdtempSync(path.join(tmpdir(), `snowplow-gen-${label}-`)), 'w.duckdb');

describe('bench/snowplow/generate.mjs', () => {
  const db = freshDb('a');
  let firstLoadHash = '';
  let loadedUntil = '';
  beforeAll(async () => {
    generate(db, ['--events', String(EVENTS), '--seed', '7']);
    firstLoadHash = await contentHash(db);
    loadedUntil = String((await one(db, 'select max(collector_tstamp)::varchar as t from atomic.events')).t);
    generate(db, ['--seed', '7', '--append-fraction', '0.01']);
  }, 120_000);

  it('reproduces the same rows for a seed and different ones for another seed', async () => {
    const again = freshDb('b');
    generate(again, ['--events', String(EVENTS), '--seed', '7']);
    expect(await contentHash(again)).toBe(firstLoadHash);
    const other = freshDb('c');
    generate(other, ['--events', String(EVENTS), '--seed', '8']);
    expect(await contentHash(other)).not.toBe(firstLoadHash);
  }, 60_000);

  it('loads exactly --events rows, then a 1% batch collected after everything loaded', async () => {
    const counts = await one(
      db,
      `select count(*) as total, count(*) filter (where collector_tstamp > '${loadedUntil}') as later
       from atomic.events`,
    );
    expect(Number(counts.total)).toBe(EVENTS + EVENTS / 100);
    expect(Number(counts.later)).toBe(EVENTS / 100);
  });

  it('has 0.4% duplicate rows (half with the same collector_tstamp) and 0.1% stray page pings', async () => {
    const dup = await one(
      db,
      `select sum(n - 1) as extra, count(*) filter (where tstamps = 1) as same_tstamp, count(*) as ids
       from (select event_id, count(*) as n, count(distinct collector_tstamp) as tstamps
             from atomic.events group by 1 having count(*) > 1)`,
    );
    expect(Number(dup.extra)).toBe(80 + 1);
    expect(Number(dup.ids)).toBe(81);
    expect(Number(dup.same_tstamp)).toBeGreaterThan(20);
    expect(Number(dup.same_tstamp)).toBeLessThan(60);
    const strays = await one(
      db,
      `with pv as (select json_extract_string(contexts_com_snowplowanalytics_snowplow_web_page_1_0_0, '$[0].id') as id, event_name
                   from atomic.events)
       select count(*) as n from pv
       where event_name = 'page_ping' and id not in (select id from pv where event_name = 'page_view')`,
    );
    expect(Number(strays.n)).toBe(20);
  });

  it('sends page pings at the heartbeat after their page view, with growing scroll offsets', async () => {
    const pings = await one(
      db,
      `with e as (
         select json_extract_string(contexts_com_snowplowanalytics_snowplow_web_page_1_0_0, '$[0].id') as pv, *
         from atomic.events),
       first_ping as (
         select pv.pv, min(date_diff('millisecond', v.derived_tstamp, pv.derived_tstamp)) as after_ms,
                bool_and(pv.pp_yoffset_max >= pv.pp_yoffset_min) as ordered
         from e as pv join e as v on v.pv = pv.pv and v.event_name = 'page_view'
         where pv.event_name = 'page_ping' group by 1)
       select count(*) as n, min(after_ms) as lo, max(after_ms) as hi, bool_and(ordered) as ordered from first_ping`,
    );
    expect(Number(pings.n)).toBeGreaterThan(1000);
    // min_visit_length 5 s, plus up to 1 s of ping jitter and the network and send delays.
    expect(Number(pings.lo)).toBeGreaterThanOrEqual(3500);
    expect(Number(pings.hi)).toBeLessThanOrEqual(7500);
    expect(pings.ordered).toBe(true);
  });

  it('numbers each user’s sessions 1..n across batches, includes bots, late and logged-in events', async () => {
    const sessions = await one(
      db,
      `select count(*) filter (where max_idx <> n) as gaps, count(*) as users, sum(n) as sessions
       from (select domain_userid, max(domain_sessionidx) as max_idx, count(distinct domain_sessionid) as n
             from atomic.events group by 1)`,
    );
    expect(Number(sessions.gaps)).toBe(0);
    expect(Number(sessions.sessions)).toBeGreaterThan(Number(sessions.users));
    const mix = await one(
      db,
      `select count(*) filter (where regexp_matches(useragent, 'bot|Bot')) / count(*) as bots,
              count(*) filter (where date_diff('day', dvce_created_tstamp, collector_tstamp) >= 1) as late,
              count(user_id) / count(*) as logged_in,
              count(mkt_medium) as campaigns, count(refr_medium) as referred
       from atomic.events`,
    );
    expect(Number(mix.bots)).toBeGreaterThan(0.01);
    expect(Number(mix.late)).toBeGreaterThan(0);
    expect(Number(mix.logged_in)).toBeGreaterThan(0.05);
    expect(Number(mix.campaigns)).toBeGreaterThan(0);
    expect(Number(mix.referred)).toBeGreaterThan(0);
  });

  it('builds the bundled Snowplow web model: page views, sessions and users', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'snowplow-gen-project-'));
    writeFileSync(
      path.join(project, 'project.yml'),
      [
        'name: snowplow_gen_test',
        'version: 0.1.0',
        'config-version: 2',
        'profile: snowplow_gen_test',
        'packages:',
        `  - local: ${JSON.stringify(ROOT)}`,
        'vars:',
        '  tsmodel_sessionization:',
        '    segment_enabled: false',
        '    snowplow_web_enabled: true',
        '    snowplow_web__context_format: json',
        '    snowplow_web__start_date: "2024-03-01"',
        '    snowplow_web__update_cadence_days: 35',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(project, 'profiles.yml'),
      `snowplow_gen_test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${JSON.stringify(db)}\n      threads: 2\n`,
    );
    run(BIN, ['run', '--project-dir', project, '--select', 'snowplow_web']);
    const built = await one(
      db,
      `select (select count(*) from main_derived.page_views) as page_views,
              (select count(*) from main_derived.sessions) as sessions,
              (select count(*) from main_derived.users) as users,
              (select count(*) filter (where engaged_time_in_s > 0) from main_derived.page_views) as engaged,
              (select count(distinct event_name) from atomic.events) as kinds`,
    );
    expect(Number(built.page_views)).toBeGreaterThan(3000);
    expect(Number(built.sessions)).toBeGreaterThan(900);
    expect(Number(built.users)).toBeGreaterThan(600);
    expect(Number(built.users)).toBeLessThan(Number(built.sessions));
    expect(Number(built.engaged)).toBeGreaterThan(Number(built.page_views) / 2);
    expect(Number(built.kinds)).toBe(2);
  }, 120_000);
});
