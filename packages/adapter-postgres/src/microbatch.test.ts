/**
 * Microbatch models on PostgreSQL (TSMODEL_PG_URL), the core case of the DuckDB CLI tests
 * (commands/microbatch.int.test.ts): batches by day, a backfill, a failing batch kept apart
 * and retried, batches at once and in turn. Windows are pinned by --event-time-* (the spawned
 * CLI runs on the real clock).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MICROBATCH_FILES, expectedDaily } from '@tsmodel/adapter-testkit';
import { pgTestProject, type PgTestProject } from './pg-test-project';

const url = process.env.TSMODEL_PG_URL;
const DAYS = ['--event-time-start', '2024-01-01', '--event-time-end', '2024-01-04'];

describe.skipIf(!url)('microbatch models on PostgreSQL (TSMODEL_PG_URL)', () => {
  let p: PgTestProject;
  afterAll(async () => {
    await p?.cleanup();
  });
  const rows = (model = 'daily') =>
    p.sql(
      `select to_char(day, 'YYYY-MM-DD') as day, events::int as events, total::int as total from "${p.schema}".${model} order by day`,
    );

  it('builds, backfills, keeps built batches when one fails and retries only that one', async () => {
    p = pgTestProject(url!, 'microbatch', MICROBATCH_FILES, { threads: 4 });
    expect((await p.run('seed')).code).toBe(0);
    const first = await p.run('run', ...DAYS);
    expect(first.output).toContain('Batch 1 of 3 START batch 2024-01-01 of');
    expect(first.code).toBe(0);
    expect(await rows()).toEqual(expectedDaily());
    expect(await rows('daily_in_turn')).toEqual(expectedDaily());

    const s = p.schema;
    await p.sql(`update "${s}".events set code = '7' where occurred_at::date = '2024-01-03'`);
    const backfill = await p.run(
      'run',
      '-s',
      'daily',
      '--event-time-start',
      '2024-01-03',
      '--event-time-end',
      '2024-01-04',
    );
    expect(backfill.code).toBe(0);
    expect(await rows()).toEqual(expectedDaily({ '2024-01-03': [7, 7] }));

    await p.sql(`update "${s}".events set code = 'oops' where id = 3`);
    await p.sql(`update "${s}".events set code = '9' where id = 1`);
    const failed = await p.run('run', '-s', 'daily', ...DAYS);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('PARTIAL SUCCESS (2/3 batches)');
    // The failed day keeps its rows from before: its delete and insert rolled back together.
    expect(await rows()).toEqual(expectedDaily({ '2024-01-01': [9, 10], '2024-01-03': [7, 7] }));

    await p.sql(`update "${s}".events set code = '4' where id = 3`);
    const retried = await p.run('retry');
    expect(retried.output).toContain('Batch 1 of 1 START batch 2024-01-02 of');
    expect(retried.code).toBe(0);
    expect(await rows()).toEqual(
      expectedDaily({ '2024-01-01': [9, 10], '2024-01-02': [4, 20], '2024-01-03': [7, 7] }),
    );
    const left = await p.sql<{ n: number }>(
      `select count(*)::int as n from pg_tables where schemaname = '${s}' and tablename like '%tsmodel_tmp'`,
    );
    expect(left).toEqual([{ n: 0 }]);
  });
});
