/**
 * Model versions and source freshness on PostgreSQL (TSMODEL_PG_URL), with the projects the
 * DuckDB tests share (model-versions.int.test.ts, source-freshness.int.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FRESHNESS_FILES, VERSIONED_FILES, freshnessRawTables } from '@tsmodel/adapter-testkit';
import { pgTestProject, type PgTestProject } from './pg-test-project';

const url = process.env.TSMODEL_PG_URL;

describe.skipIf(!url)('model versions and source freshness on PostgreSQL (TSMODEL_PG_URL)', () => {
  let p: PgTestProject | undefined;
  let extra: string[] = [];
  afterEach(async () => {
    await p?.cleanup(extra);
    p = undefined;
    extra = [];
  });

  it('builds every version and reads the latest unpinned, the pinned one by v=', async () => {
    p = pgTestProject(url!, 'versions', VERSIONED_FILES);
    const built = await p.run('build');
    expect(built.code).toBe(0);
    expect(built.output).toContain('PASS unique_dim_customers_v2_id');
    const s = p.schema;
    expect(await p.sql(`select id from "${s}".latest_reader`)).toEqual([{ id: 2 }]);
    expect(await p.sql(`select tier from "${s}".old_reader`)).toEqual([{ tier: 'gold' }]);
    expect(
      await p.sql(
        `select table_name from information_schema.tables where table_schema = $1 and table_name like 'dim%' order by 1`,
        [s],
      ),
    ).toEqual([{ table_name: 'dim_customers_v1' }, { table_name: 'dim_customers_v2' }]);
  });

  it('judges sources by loaded_at_field and by loaded_at_query on the server clock', async () => {
    p = pgTestProject(url!, 'freshness', FRESHNESS_FILES);
    const raw = `${p.schema}_raw`;
    extra = [raw];
    for (const statement of freshnessRawTables(raw)) await p.sql(statement);
    const r = await p.run('source', 'freshness', '--vars', `{raw_schema: ${raw}}`);
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/PASS freshness of raw\.orders/);
    expect(r.output).toMatch(/WARN freshness of raw\.events/);
    const artifact = JSON.parse(readFileSync(join(p.dir, 'target', 'sources.json'), 'utf8')) as {
      results: Array<{ unique_id: string; status: string; max_loaded_at_time_ago_in_s: number }>;
    };
    const events = artifact.results.find((x) => x.unique_id === 'source.shop.raw.events')!;
    expect(events.status).toBe('warn');
    expect(Math.round(events.max_loaded_at_time_ago_in_s / 3600)).toBe(3);
  });
});
