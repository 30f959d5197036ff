/**
 * The Segment data generator through its CLI: a seed reproduces the data, the load has exactly
 * --rows rows with ~0.5% duplicate ids, an appended batch arrives after everything loaded, and
 * the bundled Segment models build sessions from a 10k-row sample.
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
const ROWS = 10_000;

function run(file: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(process.execPath, [file, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  if (result.status !== 0) throw new Error(`${path.basename(file)} ${args.join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

function generate(db: string, args: string[]): void {
  run(GENERATE, ['--db', db, ...args]);
}

async function query(db: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** An order-independent fingerprint of every column of every row. */
const contentHash = async (db: string) =>
  String((await query(db, 'select sum(hash(p)::hugeint) as h from segment.pages p'))[0]!.h);

const freshDb = (label: string) => path.join(mkdtempSync(path.join(tmpdir(), `segment-gen-${label}-`)), 'w.duckdb');

describe('generate.mjs', () => {
  const db = freshDb('a');
  beforeAll(() => generate(db, ['--rows', String(ROWS), '--seed', '7']));

  it('reproduces the same rows from the same seed, and other rows from another seed', async () => {
    const again = freshDb('b');
    generate(again, ['--rows', String(ROWS), '--seed', '7']);
    const other = freshDb('c');
    generate(other, ['--rows', String(ROWS), '--seed', '8']);
    expect(await contentHash(again)).toBe(await contentHash(db));
    expect(await contentHash(other)).not.toBe(await contentHash(db));
  });

  it('loads exactly --rows rows with about 0.5% duplicate ids, each received later', async () => {
    const [stats] = await query(
      db,
      `select count(*) as n, count(distinct id) as ids,
              count(*) filter (where received_at < timestamp or sent_at > received_at) as out_of_order,
              count(distinct anonymous_id) as devices, count(distinct user_id) as users
       from segment.pages`,
    );
    expect(Number(stats!.n)).toBe(ROWS);
    const dupRatio = (Number(stats!.n) - Number(stats!.ids)) / Number(stats!.n);
    expect(dupRatio).toBeGreaterThan(0.002);
    expect(dupRatio).toBeLessThan(0.008);
    expect(Number(stats!.out_of_order)).toBe(0);
    expect(Number(stats!.devices)).toBeGreaterThan(ROWS / 20);
    const [dups] = await query(
      db,
      `select count(*) filter (where received_at = first_received) as same_time, count(*) as copies
       from (select received_at, min(received_at) over (partition by id) as first_received,
                    row_number() over (partition by id order by received_at) as copy
             from segment.pages) where copy > 1`,
    );
    expect(Number(dups!.copies)).toBeGreaterThan(0);
    expect(Number(dups!.same_time)).toBe(0);
  });

  it('mixes user agents, referrers from the mapping, UTMs and gclids', async () => {
    const [mix] = await query(
      db,
      `select
         count(*) filter (where context_user_agent like '%iPhone%') as iphone,
         count(*) filter (where context_user_agent like '%Android%') as android,
         count(*) filter (where context_user_agent like '%iPad%') as ipad,
         count(*) filter (where context_user_agent like '%X11%') as x11,
         count(*) filter (where context_user_agent like '%bot%') as bots,
         count(*) filter (where context_user_agent is null) as no_agent,
         count(*) filter (where url like '%utm_source=%' and context_campaign_source is not null) as utm,
         count(*) filter (where url like '%gclid=%') as gclid,
         count(*) filter (where referrer like 'https://www.google.com/%') as google
       from segment.pages`,
    );
    for (const [kind, count] of Object.entries(mix!)) expect(Number(count), kind).toBeGreaterThan(0);
  });

  it('appends a batch of the given fraction, all received after the latest received_at', async () => {
    const appended = freshDb('d');
    generate(appended, ['--rows', String(ROWS), '--seed', '7']);
    const [before] = await query(appended, 'select cast(max(received_at) as varchar) as m from segment.pages');
    const loadedUntil = `timestamp '${String(before!.m)}'`;
    generate(appended, ['--seed', '7', '--append-fraction', '0.05']);
    const [after] = await query(
      appended,
      `select count(*) as n,
              count(*) filter (where received_at > ${loadedUntil}) as new_rows,
              count(distinct anonymous_id) filter (where received_at > ${loadedUntil}
                  and anonymous_id in (select anonymous_id from segment.pages where received_at <= ${loadedUntil})) as returning_devices
       from segment.pages`,
    );
    expect(Number(after!.new_rows)).toBe(Number(after!.n) - ROWS);
    expect(Number(after!.new_rows)).toBeGreaterThanOrEqual(ROWS * 0.05);
    expect(Number(after!.returning_devices)).toBeGreaterThan(0);
  });
});

describe('the bundled Segment models on a generated sample', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'segment-gen-project-'));
  const db = path.join(project, 'warehouse.duckdb');
  beforeAll(() => {
    generate(db, ['--rows', String(ROWS), '--seed', '3']);
    writeFileSync(
      path.join(project, 'project.yml'),
      `name: segment_sample\nversion: 0.1.0\nconfig-version: 2\nprofile: sample\npackages:\n  - local: ${JSON.stringify(ROOT)}\n`,
    );
    writeFileSync(
      path.join(project, 'profiles.yml'),
      `sample:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${JSON.stringify(db)}\n`,
    );
    run(BIN, ['seed', '--project-dir', project]);
    run(BIN, ['run', '--select', 'tag:segment', '--project-dir', project]);
  }, 120_000);

  it('builds sessions on every device category, stitched across devices', async () => {
    const [sessions] = await query(
      db,
      `select count(*) as n, count(distinct device_category) as categories,
              count(*) filter (where referrer_medium = 'search') as from_search,
              count(*) filter (where page_views > 1) as multi_page
       from sessions`,
    );
    expect(Number(sessions!.n)).toBeGreaterThan(ROWS / 10);
    expect(Number(sessions!.categories)).toBe(5);
    expect(Number(sessions!.from_search)).toBeGreaterThan(0);
    expect(Number(sessions!.multi_page)).toBeGreaterThan(0);
    const [stitched] = await query(
      db,
      `select count(*) as users from (
         select blended_user_id from sessions group by blended_user_id having count(distinct anonymous_id) > 1)`,
    );
    expect(Number(stitched!.users)).toBeGreaterThan(0);
  });
});
