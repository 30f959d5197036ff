/**
 * Helpers for the Snowplow mobile integration tests: run the real `tsmodel` CLI on the mobile
 * integration project against a DuckDB file of the test's own. Table comparison and queries are
 * the web project's (../snowplow/harness).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const MOBILE_PROJECT_DIR = fileURLToPath(new URL('.', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/tsmodel.js', import.meta.url));

/** Runs `tsmodel <args>` on the mobile project against `database`; throws with the output on failure. */
export function tsmodelMobile(database: string, args: string[]): string {
  const result = spawnSync(process.execPath, [BIN, ...args, '--project-dir', MOBILE_PROJECT_DIR], {
    env: { ...process.env, SNOWPLOW_IT_DB: database, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0)
    throw new Error(`tsmodel ${args.join(' ')} exited ${result.status}:\n${output}`);
  return output;
}

/**
 * The upstream run schedule of the 0.4.0 data set: a first run that may back-fill 60 days, then
 * runs of at most 20 days each (dbt-snowplow-mobile's `backfill_limit_days`, our
 * `update_cadence_days`), four runs in all.
 */
export function runLikeUpstream(database: string, select: string[] = []): void {
  tsmodelMobile(database, ['seed']);
  for (let run = 0; run < 4; run++) {
    const cadence = run === 0 ? 60 : 20;
    tsmodelMobile(database, [
      'run',
      ...select,
      '--vars',
      JSON.stringify({ snowplow_mobile__update_cadence_days: cadence }),
    ]);
  }
}
