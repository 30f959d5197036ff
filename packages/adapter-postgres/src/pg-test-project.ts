/**
 * Test helper: a tsmodel project on the PostgreSQL server of TSMODEL_PG_URL, in its own schema,
 * run through the real bin (so runs can be concurrent and killed), plus a plain `pg` client for
 * what a user does beside tsmodel (their own views, sessions that hold locks).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { profilesYmlFromUrl } from './target-from-url';

const BIN = fileURLToPath(new URL('../../../bin/tsmodel.js', import.meta.url));

export interface RunningCli {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves once the output matches `pattern` (rejects if the process ends first). */
  waitFor(pattern: RegExp): Promise<void>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

export interface PgTestProject {
  dir: string;
  /** The schema models build in. */
  schema: string;
  write(files: Record<string, string>): void;
  start(...args: string[]): RunningCli;
  run(...args: string[]): Promise<{ code: number | null; output: string }>;
  /** A new session of the test's own (not tagged as tsmodel unless `applicationName` says so). */
  session(applicationName?: string): Promise<pg.Client>;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Drops the project's schemas and closes the helper's session. */
  cleanup(extraSchemas?: string[]): Promise<void>;
}

export function pgTestProject(
  url: string,
  name: string,
  files: Record<string, string>,
  target: Record<string, unknown> = {},
): PgTestProject {
  const schema = `tsmodel_${name}_${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), `tsmodel-pg-${name}-`));
  const write = (more: Record<string, string>) => {
    for (const [file, text] of Object.entries(more)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  };
  write({
    'project.yml': 'name: shop\nversion: "1.0.0"\nprofile: shop\n',
    'profiles.yml': profilesYmlFromUrl('shop', url, schema, { threads: 1, ...target }),
    ...files,
  });
  const sessions: pg.Client[] = [];
  const session = async (applicationName?: string) => {
    const client = new pg.Client({
      connectionString: url,
      ...(applicationName ? { application_name: applicationName } : {}),
    });
    client.on('error', () => undefined);
    await client.connect();
    sessions.push(client);
    return client;
  };
  let main: pg.Client | undefined;
  const sql = async <T>(text: string, params?: unknown[]) => {
    main ??= await session();
    return (await main.query(text, params)).rows as T[];
  };
  const start = (...args: string[]): RunningCli => {
    const child = spawn(process.execPath, [BIN, ...args, '--project-dir', dir], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const waiters: Array<{ pattern: RegExp; resolve: () => void; reject: (e: Error) => void }> = [];
    const check = () => {
      for (const w of [...waiters])
        if (w.pattern.test(out)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
    };
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      check();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const done = new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
      output: string;
    }>((resolve) =>
      child.on('close', (code, signal) => {
        for (const w of waiters.splice(0))
          w.reject(new Error(`tsmodel ended before printing ${w.pattern}:\n${out}`));
        resolve({ code, signal, output: out });
      }),
    );
    return {
      child,
      output: () => out,
      done,
      waitFor: (pattern) =>
        new Promise<void>((resolve, reject) => {
          if (pattern.test(out)) return resolve();
          if (child.exitCode !== null || child.signalCode !== null)
            return reject(new Error(`tsmodel ended before printing ${pattern}:\n${out}`));
          waiters.push({ pattern, resolve, reject });
        }),
    };
  };
  return {
    dir,
    schema,
    write,
    start,
    run: async (...args) => {
      const { code, output } = await start(...args).done;
      return { code, output };
    },
    session,
    sql,
    async cleanup(extraSchemas = []) {
      for (const s of [schema, ...extraSchemas])
        await sql(`drop schema if exists "${s}" cascade`).catch(() => undefined);
      await Promise.all(sessions.map((c) => c.end().catch(() => undefined)));
    },
  };
}
