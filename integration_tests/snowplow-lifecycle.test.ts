/**
 * The Snowplow web model's staged lifecycle in the DAG: a user model reading staged tables runs
 * before the complete steps that clear them without any ordering config; an asynchronous
 * schedule (base + page views often, sessions + users rarely) ends with the same tables as
 * running everything each time; the data-models Great Expectations suites hold.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, PROJECT_DIR, query, tsmodel } from './snowplow/harness';
import { failedExpectations } from './snowplow/great-expectations';

const DERIVED = ['page_views', 'sessions', 'users'];

async function tableRows(db: string, table: string): Promise<string[]> {
  const rows = await query(db, `select cast(columns(*) as varchar) from main_derived.${table}`);
  return rows.map((r) => JSON.stringify(r)).sort();
}

describe('snowplow web lifecycle', () => {
  const every = freshDatabase('every-run');
  beforeAll(() => {
    tsmodel(every, ['seed']);
    for (let run = 0; run < 4; run++) tsmodel(every, ['run']);
  }, 120_000);

  it('schedules the custom page_views_join before the completes that clear its inputs', () => {
    const manifest = JSON.parse(readFileSync(`${PROJECT_DIR}target/manifest.json`, 'utf8'));
    const join = 'model.snowplow_integration_tests.page_views_join';
    for (const complete of ['page_views_complete', 'sessions_complete'])
      expect(
        manifest.nodes[`model.tsmodel_sessionization.snowplow_web_${complete}`].depends_on.nodes,
      ).toContain(join);
  });

  it('page_views_join saw every page view while it was staged', async () => {
    const [r] = await query(
      every,
      `select count(*) as n, count(*) filter (where link_clicks > 0) as clicked from main.page_views_join`,
    );
    expect(Number(r!.n)).toBe(335);
    expect(Number(r!.clicked)).toBeGreaterThan(0);
  });

  it('the completes emptied every staged table', async () => {
    const [r] = await query(
      every,
      `select (select count(*) from main_scratch.events_staged) as e,
              (select count(*) from main_scratch.page_views_staged) as p,
              (select count(*) from main_scratch.sessions_userid_manifest_staged) as s`,
    );
    expect([r!.e, r!.p, r!.s].map(Number)).toEqual([0, 0, 0]);
  });

  it('base and page views four times, then sessions and users once, ends with the same tables', async () => {
    const async = freshDatabase('async');
    tsmodel(async, ['seed']);
    for (let hour = 0; hour < 4; hour++)
      tsmodel(async, ['run', '--select', 'tag:snowplow_web_base', 'tag:snowplow_web_page_views']);
    const [staged] = await query(async, 'select count(*) as n from main_scratch.page_views_staged');
    expect(Number(staged!.n)).toBe(335);
    tsmodel(async, ['run', '--select', 'tag:snowplow_web_sessions', 'tag:snowplow_web_users']);
    for (const table of DERIVED)
      expect(await tableRows(async, table), table).toEqual(await tableRows(every, table));
  });

  it('--full-refresh is the destroy step: manifests reseeded, three more runs rebuild the same tables', async () => {
    const before = await Promise.all(DERIVED.map((t) => tableRows(every, t)));
    tsmodel(every, ['run', '--select', 'snowplow_web', '--full-refresh']);
    const [seeded] = await query(
      every,
      'select count(*) as n from main_derived.base_session_id_manifest',
    );
    expect(Number(seeded!.n)).toBeGreaterThan(1);
    for (let run = 0; run < 3; run++) tsmodel(every, ['run']);
    const after = await Promise.all(DERIVED.map((t) => tableRows(every, t)));
    expect(after).toEqual(before);
  });

  it('passes the data-models Great Expectations suites', async () => {
    const suites: Array<[string, string]> = [
      ['page_views', 'main_derived.page_views'],
      ['sessions', 'main_derived.sessions'],
      ['users', 'main_derived.users'],
      [
        'metadata',
        '(select *, rows_this_run - distinct_key_count as diff_rows from main_derived.datamodel_metadata)',
      ],
      [
        'page_view_in_session_values',
        `(select domain_sessionid, count(distinct page_views_in_session) as dist_pvis_values,
                 count(*) - count(distinct page_view_in_session_index) as all_minus_dist_pvisi,
                 count(*) - count(distinct page_view_id) as all_minus_dist_pvids
          from main_derived.page_views group by 1)`,
      ],
    ];
    for (const [suite, relation] of suites)
      expect(await failedExpectations(every, suite, relation), suite).toEqual([]);
  });
});
