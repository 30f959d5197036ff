/**
 * The Snowplow web model against dbt-snowplow-web 0.1.0's expected outputs: the 681-event data
 * set processed in the same four incremental runs as upstream (start 2021-01-04, two days of
 * data per run), compared column by column.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithCsv, freshDatabase, PROJECT_DIR, query, tsmodel } from './snowplow/harness';

const EXPECTED = `${PROJECT_DIR}expected/web_0_1_0/`;
const TABLES = [
  {
    relation: 'main_derived.page_views',
    csv: 'snowplow_web_page_views_expected_it.csv',
    key: 'page_view_id',
    rows: 335,
    columns: 98,
  },
  {
    relation: 'main_derived.sessions',
    csv: 'snowplow_web_sessions_expected_it.csv',
    key: 'domain_sessionid',
    rows: 194,
    columns: 90,
  },
  {
    relation: 'main_derived.users',
    csv: 'snowplow_web_users_expected_it.csv',
    key: 'domain_userid',
    rows: 189,
    columns: 38,
  },
] as const;

describe('snowplow web on the dbt-snowplow-web 0.1.0 data set', () => {
  const db = freshDatabase('web-0-1-0');
  beforeAll(() => {
    tsmodel(db, ['seed']);
    for (let run = 0; run < 4; run++) tsmodel(db, ['run', '--select', 'snowplow_web']);
  }, 120_000);

  for (const t of TABLES) {
    it(`${t.relation} matches the expected ${t.rows} rows and ${t.columns} columns, in order`, async () => {
      const diff = await compareWithCsv(db, t.relation, EXPECTED + t.csv, t.key);
      expect(diff.actualColumns).toEqual(diff.expectedColumns);
      expect(diff.actualColumns).toHaveLength(t.columns);
      expect({ missing: diff.missingKeys, extra: diff.extraKeys }).toEqual({
        missing: [],
        extra: [],
      });
      expect(diff.actualRows).toBe(t.rows);
      expect(diff.columnMismatches).toEqual({});
    });
  }

  it('wrote one metadata row per module main and run, with no duplicate keys', async () => {
    const rows = await query(
      db,
      `select model, module, count(*) as runs, sum(rows_this_run - distinct_key_count) as diff_rows
       from main_derived.datamodel_metadata group by 1, 2 order by 1, 2`,
    );
    expect(rows.map((r) => [r.model, r.module, Number(r.runs), Number(r.diff_rows)])).toEqual([
      ['base', 'main', 4, 0],
      ['web', 'page-views', 4, 0],
      ['web', 'sessions', 4, 0],
      ['web', 'users', 4, 0],
    ]);
  });
});
