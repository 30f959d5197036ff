/**
 * Crash recovery of the Snowplow web model: a `tsmodel run` killed with SIGKILL at a chosen step
 * (while staging events, committing manifests, upserting a derived table, clearing a staged
 * table…) and then re-run converges to the tables of an uninterrupted schedule — no event lost,
 * none counted twice (architecture §4: "Re-running after a crash or kill converges").
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, PROJECT_DIR, query, tsmodel } from './snowplow/harness';

const BIN = fileURLToPath(new URL('../bin/tsmodel.js', import.meta.url));
const DERIVED = [
  { table: 'page_views', key: 'page_view_id', rows: 335 },
  { table: 'sessions', key: 'domain_sessionid', rows: 194 },
  { table: 'users', key: 'domain_userid', rows: 189 },
] as const;
/** Runs after the killed one: enough to consume the whole 0.1.0 data set (4 are). */
const RUNS_AFTER_KILL = 5;

/**
 * Starts `tsmodel run` and SIGKILLs it as soon as it prints the `step` (START or OK) line of
 * `relation`. Resolves with the last progress line seen, or rejects when the run ended by itself.
 */
function runKilledAt(database: string, relation: string, step: 'START' | 'OK'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'run', '--project-dir', PROJECT_DIR], {
      env: { ...process.env, SNOWPLOW_IT_DB: database, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const start = new RegExp(`${step} .* ${relation.replace('.', '\\.')} `);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (start.test(output)) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(output.trim().split('\n').pop() ?? '');
      else reject(new Error(`run was not killed before ${relation}:\n${output}`));
    });
  });
}

async function tableRows(db: string, table: string): Promise<string[]> {
  const rows = await query(db, `select cast(columns(*) as varchar) from main_derived.${table}`);
  return rows.map((r) => JSON.stringify(r)).sort();
}

describe('snowplow web recovery from a killed run', () => {
  const reference = freshDatabase('recovery-reference');
  const expected: Record<string, string[]> = {};
  beforeAll(async () => {
    tsmodel(reference, ['seed']);
    for (let run = 0; run < RUNS_AFTER_KILL; run++) tsmodel(reference, ['run']);
    for (const t of DERIVED) expected[t.table] = await tableRows(reference, t.table);
  }, 120_000);

  it('the uninterrupted schedule processed the whole data set', () => {
    for (const t of DERIVED) expect(expected[t.table], t.table).toHaveLength(t.rows);
  });

  // Where a kill can hurt: mid-staging, between the manifest commit and page views, inside a
  // derived upsert (pre-hook delete, then append), and around the completes that clear staged
  // tables and commit the users manifest. `inRun` = how many full runs precede the killed one.
  const points = [
    { inRun: 0, at: 'main_scratch.events_staged', step: 'START' },
    { inRun: 1, at: 'main_scratch.base_complete', step: 'START' },
    { inRun: 1, at: 'main_scratch.base_complete', step: 'OK' },
    { inRun: 1, at: 'main_derived.page_views', step: 'START' },
    { inRun: 2, at: 'main_derived.page_views', step: 'OK' },
    { inRun: 2, at: 'main_scratch.page_views_complete', step: 'START' },
    { inRun: 1, at: 'main_derived.sessions', step: 'OK' },
    { inRun: 2, at: 'main_scratch.users_complete', step: 'START' },
  ] as const;
  for (const { inRun, at, step } of points) {
    it(`killed at ${at} ${step} in run ${inRun + 1}, re-run: same page views, sessions and users`, async () => {
      const db = freshDatabase('recovery');
      tsmodel(db, ['seed']);
      for (let run = 0; run < inRun; run++) tsmodel(db, ['run']);
      const last = await runKilledAt(db, at, step);
      expect(last, 'the kill landed mid-run').toMatch(/ of \d+ (START|OK)/);
      for (let run = inRun; run < RUNS_AFTER_KILL; run++) tsmodel(db, ['run']);
      for (const t of DERIVED) {
        const [dupes] = await query(
          db,
          `select count(*) - count(distinct ${t.key}) as n from main_derived.${t.table}`,
        );
        expect(Number(dupes!.n), `${t.table} duplicate keys`).toBe(0);
        expect(await tableRows(db, t.table), t.table).toEqual(expected[t.table]);
      }
    }, 60_000);
  }
});
