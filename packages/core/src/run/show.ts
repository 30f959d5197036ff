import type { Adapter } from '../adapter/adapter';
import type { CompileResult } from '../compile/compile-project';
import type { Connection } from '../adapter/connection';
import { TsmodelError } from '../diagnostics';
import { queryWithSqlHeader, withHeaderRelations } from '../materializations/sql-header';
import { RunCatalog } from './run-catalog';
import { runRenders } from './run-renders';

export interface ShowOptions {
  compiled: Pick<
    CompileResult,
    'manifest' | 'renderAdHoc' | 'renderForRun' | 'introspective' | 'logging'
  >;
  adapter: Adapter;
  /** A model or seed to preview (its compiled SQL runs, not its built relation). */
  node?: string;
  /** SQL text with Jinja (`{{ ref('orders') }}`), rendered as an ad-hoc node. */
  inline?: string;
  /** Rows to return; negative means all of them (dbt's `--limit -1`). */
  limit: number;
}

export interface ShowResult {
  sql: string;
  columns: string[];
  rows: Array<Record<string, unknown>>;
}

/**
 * `show`: the one command whose rows flow through Node. Runs the node's compiled SQL (or the
 * inline query) limited to `limit` rows, so a preview never builds or scans a whole table.
 */
export async function showRows(options: ShowOptions): Promise<ShowResult> {
  const conn = await options.adapter.connect();
  try {
    const { body, header } = await showSql(options, conn);
    const limit = options.limit < 0 ? '' : `\nlimit ${Math.floor(options.limit)}`;
    const node = options.node ?? 'inline';
    const { before, query } = queryWithSqlHeader(
      header,
      node,
      `select * from (\n${body.trim()}\n) as tsmodel_show${limit}`,
    );
    for (const statement of before) await conn.execute(statement, { label: 'sql_header', node });
    const rows = await conn.query(query);
    const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
    return { sql: body, columns, rows: rows.map(plainRow) };
  } finally {
    await conn.close();
  }
}

/** The SQL whose rows are shown, and the model's `sql_header` (relations resolved). */
async function showSql(
  options: ShowOptions,
  conn: Connection,
): Promise<{ body: string; header?: unknown }> {
  const { adapter } = options;
  const renders = runRenders(options.compiled, new RunCatalog(adapter));
  if (options.inline !== undefined)
    return { body: await renders.renderAdHoc(conn, options.inline, { name: 'inline' }) };
  const node =
    options.node === undefined ? undefined : options.compiled.manifest.nodes[options.node];
  if (!node)
    throw new TsmodelError({
      code: 'nothing-to-show',
      message:
        options.node === undefined ? 'show needs --select or --inline' : `no node ${options.node}`,
      hint: 'use `tsmodel show --select <model>` or `tsmodel show --inline "select …"`',
    });
  if (node.resource_type === 'seed' && node.relation)
    return { body: `select * from ${options.adapter.dialect.renderRelation(node.relation)}` };
  if (node.compiled_code === undefined)
    throw new TsmodelError({
      code: 'nothing-to-show',
      message: `${node.unique_id} has no SQL to show`,
      node: node.unique_id,
      hint: 'select a model, seed or test',
    });
  const config = await withHeaderRelations(node.config, (t) =>
    renders.renderAdHoc(conn, t, { node: node.unique_id }),
  );
  return { body: await renders.nodeSql(conn, node, false), header: config.sql_header };
}

/** Values JSON can carry: bigints become numbers when exact, else strings; dates ISO strings. */
function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = plainValue(v);
  return out;
}

function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plainValue);
  if (v && typeof v === 'object') return plainRow(v as Record<string, unknown>);
  return v;
}
