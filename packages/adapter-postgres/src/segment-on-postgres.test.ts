import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profilesYmlFromUrl } from './target-from-url';

/**
 * The bundled Segment models built by the real CLI on a real PostgreSQL server (seeds through
 * client-side inserts, views, table swaps, incremental first runs, tests), compared with the
 * same expected CSVs as the DuckDB integration tests.
 */
const url = process.env.TSMODEL_PG_URL;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXPECTED = join(ROOT, 'integration_tests', 'expected');

/**
 * A private copy of the integration project and the package it uses (`local: ../`), so this
 * run's target/ never races the DuckDB integration tests over the shared one.
 */
function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsmodel-pg-segment-'));
  for (const entry of ['project.yml', 'models', 'macros', 'seeds'])
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  for (const entry of ['project.yml', 'models', 'seeds'])
    cpSync(join(ROOT, 'integration_tests', entry), join(dir, 'it', entry), { recursive: true });
  return join(dir, 'it');
}

/**
 * docs/segment.md: a user agent without `(` has `device` NULL on DuckDB (where the expected CSVs
 * come from) and '' on Postgres (native split_part), as with dbt's adapters.
 */
const DOCUMENTED_DIFFERENCE = { column: 'device', expected: 'NULL', actual: '' };

describe.skipIf(!url)('Segment models on PostgreSQL (TSMODEL_PG_URL)', () => {
  const schema = `tsmodel_segment_${process.pid}`;
  let client: pg.Client;
  let output = '';
  let project = '';
  const tsmodel = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'bin/tsmodel.js'), ...args, '--project-dir', project], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });

  beforeAll(async () => {
    // profiles.yml in the project directory is found without --profiles-dir.
    project = copyProject();
    writeFileSync(
      join(project, 'profiles.yml'),
      profilesYmlFromUrl('segment_integration_tests', url!, schema, { threads: 2 }),
    );
    const result = tsmodel('build', '--full-refresh');
    output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(0);
    client = new pg.Client(url);
    await client.connect();
  });

  afterAll(async () => {
    await client?.query(`drop schema if exists ${schema} cascade`);
    await client?.end();
  });

  it('builds every node without errors', () => {
    expect(output).toMatch(/ERROR=0 SKIP=0/);
  });

  it.each([
    ['page_views__sessionized', 'anonymous_id nulls last, page_view_number'],
    ['user_stitching', 'anonymous_id nulls last'],
    ['sessions', 'session_id'],
  ])('%s equals its expected CSV column by column', async (table, orderBy) => {
    const [columns, ...expected] = parse(
      readFileSync(join(EXPECTED, `${table}.csv`), 'utf8'),
    ) as string[][];
    const select = columns!.map((c) => `cast("${c}" as text) as "${c}"`).join(', ');
    const { rows } = await client.query<string[]>({
      text: `select ${select} from ${schema}.${table} order by ${orderBy}`,
      rowMode: 'array',
    });
    expect(rows).toHaveLength(expected.length);
    columns!.forEach((column, i) => {
      const actual = rows.map((r) => r[i] ?? 'NULL');
      const wanted = expected.map((r, row) =>
        column === DOCUMENTED_DIFFERENCE.column &&
        r[i] === DOCUMENTED_DIFFERENCE.expected &&
        actual[row] === DOCUMENTED_DIFFERENCE.actual
          ? DOCUMENTED_DIFFERENCE.actual
          : r[i],
      );
      expect({ column, values: actual }).toEqual({ column, values: wanted });
    });
  });

  it('an incremental run over the same data changes nothing', async () => {
    const snapshot = async () =>
      (
        await client.query({
          text: `select * from ${schema}.sessions order by session_id`,
          rowMode: 'array',
        })
      ).rows;
    const before = await snapshot();
    const result = tsmodel('run');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/ERROR=0 SKIP=0/);
    expect(await snapshot()).toEqual(before);
  });
});
