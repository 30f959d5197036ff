// The engine floor of a tsmodel run: the statements it sent (captured from `tsmodel run --debug
// --log-format json`, one `statement` event each, begin/commit included) issued again directly
// through @duckdb/node-api, on as many connections as the run used, each connection's statements
// in their traced order and a node's first statement only after every node it depends on (from
// target/manifest.json) finished — the runner's scheduling rule, without the runner.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** Statements of a traced run's stdout, each with its connection index and node (if any). */
export function parseTrace(stdout) {
  const statements = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line);
    if (event.event !== 'statement') continue;
    statements.push({
      sql: event.msg,
      query: event.label === 'query',
      params: event.params,
      node: event.unique_id,
      connection: event.connection ?? 0,
    });
  }
  if (statements.length === 0) throw new Error('no statement events in the trace: does `run --debug --log-format json` log them?');
  return statements;
}

/** Parents of each node, read from the project's target/manifest.json. */
export function readDependencies(projectDir) {
  const manifest = JSON.parse(readFileSync(join(projectDir, 'target', 'manifest.json'), 'utf8'));
  const parents = new Map();
  for (const [id, node] of Object.entries(manifest.nodes ?? {})) parents.set(id, node.depends_on?.nodes ?? []);
  return parents;
}

/**
 * Replays `trace` on the DuckDB file `db`; returns ms from opening the database to closing it
 * (the run opens and checkpoints it too).
 */
export async function replay(db, trace, parents) {
  const started = process.hrtime.bigint();
  const instance = await DuckDBInstance.create(db);
  const connectionCount = Math.max(...trace.map((s) => s.connection)) + 1;
  const connections = [];
  for (let i = 0; i < connectionCount; i++) connections.push(await instance.connect());
  const issue = (conn, s) => (s.query ? conn.runAndReadAll(s.sql, s.params) : conn.run(s.sql));

  const lastIndex = new Map(trace.map((s, i) => [s.node, i]));
  const finished = new Map();
  for (const s of trace) {
    if (s.node === undefined || finished.has(s.node)) continue;
    let resolve;
    finished.set(s.node, { promise: new Promise((r) => (resolve = r)), resolve });
  }
  // The prologue (schemas, catalog listing) completes before any node starts.
  const firstNode = trace.findIndex((s) => s.node !== undefined);
  const prologueEnd = firstNode === -1 ? trace.length : firstNode;
  for (const s of trace.slice(0, prologueEnd)) await issue(connections[s.connection], s);

  const streams = connections.map((conn, c) =>
    (async () => {
      const started = new Set();
      for (const [i, s] of trace.entries()) {
        if (i < prologueEnd || s.connection !== c) continue;
        if (s.node !== undefined && !started.has(s.node)) {
          started.add(s.node);
          await Promise.all((parents.get(s.node) ?? []).map((p) => finished.get(p)?.promise));
        }
        await issue(conn, s);
        if (s.node !== undefined && lastIndex.get(s.node) === i) finished.get(s.node).resolve();
      }
    })(),
  );
  await Promise.all(streams);
  for (const conn of connections) conn.closeSync();
  instance.closeSync();
  return Number(process.hrtime.bigint() - started) / 1e6;
}
