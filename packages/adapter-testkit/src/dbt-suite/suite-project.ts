import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import type { Adapter, Connection, Introspector } from '@tsmodel/core/adapter';
import type { RelationName } from '@tsmodel/core';
import { main } from '@tsmodel/cli';
import type { DbtSuiteTarget } from './suite-target';

/** One entry of run_results.json, as much of it as the dbt suite asserts on. */
export interface SuiteResult {
  unique_id: string;
  status: string;
  message?: string | null;
  failures?: number | null;
}

/** One command of a case: its exit code, output and the run_results it wrote (if any). */
export interface SuiteRun {
  code: number;
  stdout: string;
  stderr: string;
  results: SuiteResult[];
}

/**
 * A temp project of one case, built by the real CLI in-process (dbt's `run_dbt`) in a schema
 * of its own, with the reads dbt's test utilities make: relation types, row counts, and
 * relation equality (`check_relations_equal`: same columns, same rows as a multiset).
 */
export interface SuiteProject {
  dir: string;
  schema: string;
  write(files: Record<string, string>): void;
  /** Environment variables the next commands see (dbt's tests set os.environ). */
  env: Record<string, string>;
  /**
   * Runs `tsmodel <args>`; `expectCode` (0 by default) is asserted with the output shown,
   * `null` leaves the code to the caller.
   */
  run(args: string[], expectCode?: number | null): Promise<SuiteRun>;
  /** The relation `name` of the case's schema, rendered for SQL. */
  relation(name: string, schema?: string): string;
  query(sql: string): Promise<Array<Record<string, unknown>>>;
  /** Creates the case's schema before tsmodel does (for tables a case makes beside it). */
  createSchema(): Promise<void>;
  /** Runs statements beside tsmodel (dbt's `project.run_sql`), one at a time. */
  execute(...statements: string[]): Promise<void>;
  rowCount(name: string): Promise<number>;
  /** `table` / `view` per relation of the schema (absent ones are missing). */
  relationTypes(schema?: string): Promise<Record<string, string>>;
  columns(name: string, schema?: string): Promise<Array<{ name: string; dataType: string }>>;
  /**
   * dbt's `check_relations_equal`; `compareSnapshotCols: false` leaves out the `dbt_` columns
   * (as dbt's default does), whose values are the time of the run that wrote them.
   */
  expectRelationsEqual(names: string[], options?: { compareSnapshotCols?: boolean }): Promise<void>;
  /** Reads a file of the project (e.g. target/compiled/…). */
  read(file: string): string;
}

let counter = 0;
const openReaders = new Set<() => Promise<void>>();

/** Closes every project's reading session (before a command, and when a module ends). */
export async function closeAllReaders(): Promise<void> {
  await Promise.all([...openReaders].map((close) => close()));
}
const schemasByTarget = new WeakMap<DbtSuiteTarget, string[]>();

/** The schemas of every project made on `target` so far (for its cleanup). */
export function schemasOf(target: DbtSuiteTarget): string[] {
  return schemasByTarget.get(target) ?? [];
}

/** Schema names unique per process and case, so runs can share a server. */
function caseSchema(name: string): string {
  const run = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  return `dbt_${name}_${run}_${(counter++).toString(36)}`.toLowerCase();
}

export function suiteProject(
  target: DbtSuiteTarget,
  name: string,
  files: Record<string, string>,
  projectConfig = '',
): SuiteProject {
  const schema = caseSchema(name);
  schemasByTarget.set(target, [...schemasOf(target), schema]);
  const dir = mkdtempSync(join(tmpdir(), `tsmodel-dbt-${name}-`));
  const write = (more: Record<string, string>) => {
    for (const [file, text] of Object.entries(more)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  };
  write({
    'dbt_project.yml': `name: ${name}\nversion: "1.0.0"\nprofile: suite\nconfig-version: 2\n${projectConfig}`,
    'profiles.yml': JSON.stringify({
      suite: { target: 'dev', outputs: { dev: target.output(schema) } },
    }),
    ...files,
  });
  // One reading session, opened on the first read and kept until the next command, which
  // must find the database free (DuckDB lets one instance hold a file).
  let reader: Promise<{ adapter: Adapter; conn: Connection }> | undefined;
  const closeReader = async () => {
    const open = reader;
    reader = undefined;
    openReaders.delete(closeReader);
    if (open) await (await open).adapter.close();
  };
  const withConnection = async <T>(fn: (conn: Connection, i: Introspector) => Promise<T>) => {
    reader ??= (async () => {
      const adapter = target.adapter(schema);
      openReaders.add(closeReader);
      return { adapter, conn: await adapter.connect() };
    })();
    const { adapter, conn } = await reader;
    return fn(conn, adapter.introspector(conn));
  };
  const rel = (identifier: string, s = schema): RelationName => ({
    database: target.database,
    schema: s,
    identifier,
  });
  // Adapters open their database on first connect: this one only renders names.
  const dialect = target.adapter(schema).dialect;
  const render = (identifier: string, s = schema) => dialect.renderRelation(rel(identifier, s));
  const query = (sql: string) =>
    withConnection(async (conn) => normalizeRows(await conn.query(sql)));
  const columns = (identifier: string, s = schema) =>
    withConnection((_c, i) => i.getColumns(rel(identifier, s)));
  const project: SuiteProject = {
    dir,
    schema,
    write,
    env: {},
    read: (file) => readFileSync(join(dir, file), 'utf8'),
    async run(args, expectCode = 0) {
      await closeAllReaders();
      const resultsFile = join(dir, 'target', 'run_results.json');
      rmSync(resultsFile, { force: true });
      const out: string[] = [];
      const err: string[] = [];
      const code = await main([...args, '--project-dir', dir, '--profiles-dir', dir], {
        stdout: (t) => void out.push(t),
        stderr: (t) => void err.push(t),
        isTTY: false,
        env: { ...project.env, HOME: dir, NO_COLOR: '1' },
        cwd: dir,
      });
      const stdout = out.join('');
      const stderr = err.join('');
      if (expectCode !== null)
        expect(code, `tsmodel ${args.join(' ')}\n${stdout}\n${stderr}`).toBe(expectCode);
      const results = existsSync(resultsFile)
        ? (JSON.parse(readFileSync(resultsFile, 'utf8')).results as SuiteResult[])
        : [];
      return { code, stdout, stderr, results };
    },
    relation: render,
    query,
    createSchema: () =>
      withConnection(async (conn) => {
        await conn.execute(dialect.createSchemaIfNotExists(rel('')), { label: 'create schema' });
      }),
    execute: (...statements) =>
      withConnection(async (conn) => {
        for (const sql of statements) await conn.execute(sql, { label: 'dbt suite statement' });
      }),
    async rowCount(identifier) {
      const [row] = await query(`select count(*) as n from ${render(identifier)}`);
      return Number(row!.n);
    },
    relationTypes: (s = schema) =>
      withConnection(async (_c, i) =>
        Object.fromEntries(
          (await i.listRelations(target.database, s)).map((r) => [r.name, r.kind]),
        ),
      ),
    columns,
    async expectRelationsEqual(names, options = {}) {
      const [first, ...rest] = names;
      const compared = (name: string) =>
        options.compareSnapshotCols !== false || !name.toLowerCase().startsWith('dbt_');
      const cols = (await columns(first!)).map((c) => c.name).filter(compared);
      expect(cols.length, `columns of ${first}`).toBeGreaterThan(0);
      const list = cols.map((c) => dialect.quoteIdentifier(c)).join(', ');
      for (const other of rest) {
        // Case aside: an engine that matches names without case (DuckDB) reads both the same.
        const lower = (names: string[]) => names.map((n) => n.toLowerCase()).sort();
        expect(
          lower((await columns(other)).map((c) => c.name).filter(compared)),
          `columns of ${other}`,
        ).toEqual(lower(cols));
        const a = `select ${list} from ${render(first!)}`;
        const b = `select ${list} from ${render(other)}`;
        const [diff] = await query(
          `select count(*) as n from ((${a} except all ${b}) union all (${b} except all ${a})) d`,
        );
        expect(Number(diff!.n), `rows differing between ${first} and ${other}`).toBe(0);
      }
    },
  };
  return project;
}

/** Drivers return BIGINT as bigint: compare plain numbers. */
function normalizeRows(rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
    ),
  );
}

/** The names (last part of unique_id) of a run's results, sorted. */
export function resultNames(run: SuiteRun): string[] {
  return run.results.map((r) => r.unique_id.split('.').at(-1)!).sort();
}

/** status per node name, e.g. `{ passing: 'pass', failing: 'fail' }`. */
export function statusByName(run: SuiteRun): Record<string, string> {
  return Object.fromEntries(run.results.map((r) => [r.unique_id.split('.').at(-1)!, r.status]));
}
