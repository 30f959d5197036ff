import path from 'node:path';
import type { Connection, StatementRunner } from '../adapter/connection';
import { compiledRelPath } from '../compile/artifacts';
import { writeCompiledFiles } from '../compile/compiled-files-writer';
import { artifactWriteFailed, TARGET_PATH_HINT } from '../fs/atomic-write';
import type { Manifest, ManifestNode } from '../manifest/types';

/**
 * Collects the SQL each node of a run sent, for dbt's `target/run/<package>/<path>`: where
 * `target/compiled/` holds a model's select, `target/run/` holds what was executed for it — its
 * hooks and its materialization's statements in order (a test's query), so a failed build can
 * be replayed by hand. Transaction control and the introspection a plan needs (columns of an
 * incremental's staging table) are not part of it, as dbt's file holds the node's own SQL.
 * Recording is an array push per statement; the files are written once, after the run.
 */
export class RunSqlRecorder {
  private readonly statements = new Map<string, string[]>();

  /**
   * `conn` for the node runner of `node`: every statement it executes is recorded, and for a
   * test also its queries (the test's own select).
   */
  forNode(conn: Connection, node: ManifestNode): Connection {
    const list: string[] = [];
    this.statements.set(node.unique_id, list);
    const queries = node.resource_type === 'test';
    const record = (runner: StatementRunner): StatementRunner => ({
      execute: (sql, options) => {
        list.push(sql);
        return runner.execute(sql, options);
      },
      query: (sql, params) => {
        if (queries) list.push(sql);
        return runner.query(sql, params);
      },
      // Statements templates send (run_query, statement) are executed SQL too.
      fetch: (sql, options) => {
        list.push(sql);
        return runner.fetch(sql, options);
      },
    });
    return {
      ...record(conn),
      transaction: (fn) => conn.transaction((tx) => fn(record(tx))),
      cancel: () => conn.cancel(),
      close: () => conn.close(),
    } as Connection;
  }

  /**
   * Writes `<targetDir>/run/<package>/<path>` for each node that executed something: its
   * statements, each ending with `;`, separated by a blank line. Large runs write on a second
   * core, as compiled files are; each file is replaced atomically.
   */
  async write(targetDir: string, manifest: Manifest): Promise<void> {
    const dirs = new Set<string>();
    const files: Array<[string, string]> = [];
    for (const [id, list] of this.statements) {
      const node = manifest.nodes[id];
      if (!node || list.length === 0) continue;
      const file = path.join(targetDir, 'run', node.package_name, compiledRelPath(node));
      dirs.add(path.dirname(file));
      files.push([file, list.map(terminated).join('\n\n') + '\n']);
    }
    if (files.length === 0) return;
    try {
      await writeCompiledFiles({ dirs: [...dirs], files, atomic: true });
    } catch (err) {
      throw artifactWriteFailed(
        String((err as { path?: unknown }).path ?? targetDir),
        err,
        TARGET_PATH_HINT,
      );
    }
  }
}

/** `sql` ending with `;`, on a line of its own where the last line is a `--` comment. */
function terminated(sql: string): string {
  const trimmed = sql.trim();
  if (trimmed.endsWith(';')) return trimmed;
  const lastLine = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
  return lastLine.includes('--') ? `${trimmed}\n;` : `${trimmed};`;
}
