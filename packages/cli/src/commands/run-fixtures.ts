/**
 * Helpers for the run/build/seed/test/show tests: a project on a DuckDB file in a temp dir,
 * files rewritten between runs, and direct reads of the database the CLI wrote.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runCli, tempProject, type RunResult } from '../test-io';

export interface TestProject {
  dir: string;
  db: string;
  run(...args: string[]): Promise<RunResult>;
  write(files: Record<string, string>): void;
  /** Rows of `sql` on the project's database, as plain objects (bigints as numbers). */
  query(sql: string): Promise<Array<Record<string, unknown>>>;
  /** Names of the tables and views in `schema`, sorted. */
  relations(schema?: string): Promise<string[]>;
}

export function testProject(files: Record<string, string>): TestProject {
  const dir = tempProject({
    'project.yml': 'name: shop\nversion: "1.0.0"\nprofile: shop\n',
    'profiles.yml':
      'shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/shop.duckdb\n      schema: main\n      threads: 4\n',
    ...files,
  });
  const db = join(dir, 'target', 'shop.duckdb');
  const query = async (sql: string) => {
    const instance = await DuckDBInstance.create(db);
    try {
      const conn = await instance.connect();
      const reader = await conn.runAndReadAll(sql);
      conn.closeSync();
      return reader
        .getRowObjectsJS()
        .map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
          ),
        );
    } finally {
      instance.closeSync();
    }
  };
  return {
    dir,
    db,
    run: (...args) => runCli(args, dir),
    write(more) {
      for (const [file, text] of Object.entries(more)) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), text);
      }
    },
    query,
    async relations(schema = 'main') {
      const rows = await query(
        `select table_name from information_schema.tables where table_schema = '${schema}' order by 1`,
      );
      return rows.map((r) => String(r.table_name));
    },
  };
}

/** Lines of output that mention `text`. */
export function linesWith(output: string, text: string): string[] {
  return output.split('\n').filter((l) => l.includes(text));
}
