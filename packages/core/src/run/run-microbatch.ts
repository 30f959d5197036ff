import { performance } from 'node:perf_hooks';
import type { Connection } from '../adapter/connection';
import { runSteps } from '../adapter/run-steps';
import { TsmodelError } from '../diagnostics';
import type { ManifestNode, NodeConfig, RelationName } from '../manifest/types';
import { shouldFullRefresh } from '../materializations/full-refresh';
import {
  planBatchApply,
  planBatchStage,
  type BatchPlanInput,
} from '../materializations/microbatch';
import {
  batchesRunConcurrently,
  microbatchSettings,
  plannedBatches,
  type EventTimeRange,
  type MicrobatchSettings,
} from '../materializations/microbatch-config';
import { batchId, formatBatchStart, type BatchWindow } from '../materializations/microbatch-time';
import { withHeaderRelations } from '../materializations/sql-header';
import { checkContract } from './contract-check';
import { rowsWritten, runNodeHooks, type NodeOutcome, type NodeRunContext } from './node-context';
import { isoSeconds } from './retry-batches';
import type { LentWorker } from './scheduler';
import type { BatchEventInfo, BatchResults, RunEvent } from './types';

/** What a run knows about microbatch models besides each model's config. */
export interface MicrobatchRun {
  /** The run's start: "now" for every microbatch model of the run, as in dbt. */
  now: Date;
  /** `--event-time-start` / `--event-time-end`. */
  range?: EventTimeRange;
  /** Models whose render read `this` (`CompileResult.selfReferencing`): batches in turn. */
  selfReferencing: ReadonlySet<string>;
  /**
   * `retry`: per node, the batches the last run failed (built again instead of the planned
   * ones) and those it built (carried into this run's `batch_results`).
   */
  retry?: ReadonlyMap<string, { failed: BatchWindow[]; successful: Array<[string, string]> }>;
  report(event: RunEvent): void;
}

/** A connection of the run's pool, lent to a node for its parallel batches. */
export interface LentConnection {
  conn: Connection;
  threadId: string;
  release(): void;
}

/** Lends free connections of the run; undefined when every thread is busy. */
export interface ConnectionLender {
  borrow(): Promise<LentConnection | undefined>;
}

/**
 * A lender over the scheduler's `lend`: each borrowed worker is readied for the node by
 * `prepare` (its SQL recorder, the adapter's session state) and given back if that fails.
 */
export function connectionLender(
  lend: () => LentWorker<Connection> | undefined,
  prepare: (conn: Connection) => Promise<Connection>,
): ConnectionLender {
  return {
    borrow: async () => {
      const lent = lend();
      if (!lent) return undefined;
      try {
        const conn = await prepare(lent.worker);
        return { conn, threadId: `Thread-${lent.index + 1}`, release: lent.giveBack };
      } catch (err) {
        lent.giveBack();
        throw err;
      }
    },
  };
}

interface Batch extends BatchWindow {
  id: string;
  info: BatchEventInfo;
}

interface BatchOutcome {
  ok: boolean;
  rows: number;
  error?: string;
}

/**
 * Builds a microbatch model batch by batch, as dbt 1.9 does: pre-hooks, the first batch alone
 * (on a full build it creates the table, atomically like a table build), the middle batches at
 * once on free threads when that is safe, the last batch, post-hooks. Each batch replaces its
 * window in one transaction and is tried twice. When some batches fail the others stay: the
 * node ends `partial success` with the failed windows in its message and `batch_results`.
 */
export async function runMicrobatch(
  ctx: NodeRunContext,
  conn: Connection,
  node: ManifestNode,
  threadId: string,
  lender: ConnectionLender | undefined,
): Promise<NodeOutcome> {
  const run = ctx.microbatch;
  const settings = microbatchSettings(node);
  const relation = node.relation!;
  const existing = ctx.relations.get(relation);
  const retry = run.retry?.get(node.unique_id);
  // A retry builds the failed windows into the table the last run left: never from scratch.
  const fullBuild =
    existing?.kind !== 'table' ||
    (!retry && shouldFullRefresh(ctx.fullRefresh, node.config.full_refresh));
  const windows =
    retry?.failed ??
    plannedBatches({
      settings,
      now: run.now,
      incremental: !fullBuild,
      ...(run.range ? { range: run.range } : {}),
    });
  if (windows.length === 0)
    throw new TsmodelError({
      code: 'microbatch-no-batches',
      message: `${node.unique_id} has no batch to build: begin (${settings.begin.toISOString()}) is after the run's start`,
      node: node.unique_id,
      location: { file: node.original_file_path },
      hint: 'set begin to a time in the past, or pass --event-time-start/--event-time-end',
    });
  const batches = windows.map((w, i) => toBatch(w, i, windows.length, node, relation, settings));
  const config = await withHeaderRelations(node.config, (t) =>
    ctx.renders.renderAdHoc(conn, t, { node: node.unique_id, isIncremental: !fullBuild }),
  );
  const build = batchBuilder(ctx, node, config, settings);
  const [first, ...rest] = batches;
  const hookBatch = (b: Batch) => ({ id: b.id, start: b.start, end: b.end });
  // dbt runs the pre-hooks with the first batch and the post-hooks with the last.
  await runNodeHooks(ctx, conn, node, 'pre_hook', !fullBuild, threadId, hookBatch(first!));

  const outcomes = new Map<Batch, BatchOutcome>();
  const alone = batches.length === 1;
  outcomes.set(
    first!,
    await build(first!, conn, { replace: fullBuild, incremental: !fullBuild, last: alone }),
  );
  if (outcomes.get(first!)!.ok) {
    ctx.relations.set(relation, 'table');
    ctx.catalog.changed(relation);
    const last = rest.pop();
    const later = async (b: Batch, c: Connection, last = false) =>
      void outcomes.set(b, await build(b, c, { replace: false, incremental: true, last }));
    if (batchesRunConcurrently(settings, run.selfReferencing.has(node.unique_id)))
      await inParallel(rest, conn, lender, later);
    else for (const b of rest) await later(b, conn);
    if (last) await later(last, conn, true);
    const lastBatch = hookBatch(last ?? first!);
    await runNodeHooks(ctx, conn, node, 'post_hook', true, threadId, lastBatch);
  } else {
    for (const b of rest) {
      outcomes.set(b, { ok: false, rows: 0, error: 'skipped: the first batch failed' });
      run.report({
        type: 'batch-end',
        ...b.info,
        status: 'skipped',
        message: 'skipped: the first batch failed',
        elapsed: 0,
      });
    }
  }
  ctx.catalog.changed(relation);
  return outcomeOf(batches, outcomes, retry?.successful ?? []);
}

/** Builds one batch (twice at most), reporting its progress lines. */
function batchBuilder(
  ctx: NodeRunContext,
  node: ManifestNode,
  config: NodeConfig,
  settings: MicrobatchSettings,
) {
  const relation = node.relation!;
  const once = async (
    b: Batch,
    conn: Connection,
    replace: boolean,
    incremental: boolean,
    last: boolean,
  ) => {
    const batch = { id: b.id, start: b.start, end: b.end };
    const sql = await ctx.renders.nodeSql(conn, node, incremental, batch);
    const contract = replace
      ? await checkContract(conn, node, sql, config, ctx.dialect)
      : undefined;
    const existing = ctx.relations.get(relation);
    const input: BatchPlanInput = {
      node: { unique_id: node.unique_id, relation, config, sql, ...(contract ? { contract } : {}) },
      ...(existing ? { existing } : {}),
      flags: { fullRefresh: ctx.fullRefresh },
      dialect: ctx.dialect,
      batch: { ...batch, eventTime: settings.eventTime },
      replace,
      last,
    };
    const stage = planBatchStage(input);
    const helpers = { keeper: ctx.dependentsKeeper(node), dialect: ctx.dialect };
    const results = await runSteps(conn, stage.steps, node.unique_id, helpers);
    if (stage.mode === 'incremental') {
      try {
        const introspector = ctx.introspector(conn);
        const [existingColumns, incoming] = await Promise.all([
          introspector.getColumns(relation),
          introspector.getColumns(stage.staging),
        ]);
        const apply = planBatchApply({
          ...input,
          staging: stage.staging,
          columns: { existing: existingColumns, incoming },
        });
        results.push(...(await runSteps(conn, apply, node.unique_id, helpers)));
      } catch (err) {
        await dropStaging(ctx, conn, stage.staging, node.unique_id);
        throw err;
      }
    }
    return rowsWritten(results) ?? 0;
  };
  return async (
    b: Batch,
    conn: Connection,
    mode: { replace: boolean; incremental: boolean; last: boolean },
  ): Promise<BatchOutcome> => {
    const report = ctx.microbatch.report;
    report({ type: 'batch-start', ...b.info });
    const t0 = performance.now();
    const end = (status: 'success' | 'error', message: string) =>
      report({
        type: 'batch-end',
        ...b.info,
        status,
        message,
        elapsed: (performance.now() - t0) / 1000,
      });
    let rows: number;
    try {
      rows = await once(b, conn, mode.replace, mode.incremental, mode.last);
    } catch (first) {
      report({ type: 'batch-retry', ...b.info, message: messageOf(first) });
      try {
        rows = await once(b, conn, mode.replace, mode.incremental, mode.last);
      } catch (err) {
        end('error', messageOf(err));
        return { ok: false, rows: 0, error: messageOf(err) };
      }
    }
    end('success', `${mode.replace ? 'SELECT' : 'INSERT'} ${rows}`);
    return { ok: true, rows };
  };
}

/**
 * Runs `work` for every batch, on `conn` and on as many free connections of the run as it
 * can borrow (one batch per connection at a time); every borrowed one is given back.
 */
async function inParallel<T>(
  items: readonly T[],
  conn: Connection,
  lender: ConnectionLender | undefined,
  work: (item: T, conn: Connection) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const lent: LentConnection[] = [];
  try {
    while (lender && lent.length + 1 < queue.length) {
      // A connection that cannot be readied is not lent: the batches run on the others.
      const more = await lender.borrow().catch(() => undefined);
      if (!more) break;
      lent.push(more);
    }
    const drain = async (c: Connection) => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item, c);
    };
    await Promise.all([drain(conn), ...lent.map((l) => drain(l.conn).finally(() => l.release()))]);
  } finally {
    for (const l of lent) l.release();
  }
}

function outcomeOf(
  batches: readonly Batch[],
  outcomes: ReadonlyMap<Batch, BatchOutcome>,
  carried: Array<[string, string]>,
): NodeOutcome {
  const pair = (b: Batch): [string, string] => [isoSeconds(b.start), isoSeconds(b.end)];
  const built = batches.filter((b) => outcomes.get(b)?.ok);
  const failed = batches.filter((b) => !outcomes.get(b)?.ok);
  const batchResults: BatchResults = {
    successful: [...built.map(pair), ...carried].sort((a, b) => a[0].localeCompare(b[0])),
    failed: failed.map(pair),
  };
  const rows = built.reduce((n, b) => n + outcomes.get(b)!.rows, 0);
  const counts = `${built.length}/${batches.length}`;
  if (failed.length === 0)
    return {
      status: 'success',
      message: `SUCCESS ${rows} (${counts} batches)`,
      rowsAffected: rows,
      batchResults,
    };
  const reasons = failed
    .map(
      (b) =>
        `${b.info.batch} [${isoSeconds(b.start)}, ${isoSeconds(b.end)}): ${outcomes.get(b)?.error ?? 'not built'}`,
    )
    .join('; ');
  return {
    status: built.length === 0 ? 'error' : 'partial success',
    message: `${built.length === 0 ? 'ERROR' : 'PARTIAL SUCCESS'} (${counts} batches); failed batches: ${reasons}`,
    ...(built.length > 0 ? { rowsAffected: rows } : {}),
    batchResults,
  };
}

function toBatch(
  w: BatchWindow,
  i: number,
  total: number,
  node: ManifestNode,
  relation: RelationName,
  settings: MicrobatchSettings,
): Batch {
  return {
    ...w,
    id: batchId(w.start, settings.batchSize),
    info: {
      node,
      relation: `${relation.schema}.${relation.identifier}`,
      index: i + 1,
      total,
      batch: formatBatchStart(w.start, settings.batchSize),
    },
  };
}

async function dropStaging(
  ctx: NodeRunContext,
  conn: Connection,
  staging: RelationName,
  node: string,
): Promise<void> {
  await conn
    .execute(ctx.dialect.dropRelation('table', staging, true), {
      label: 'drop staging after failure',
      node,
    })
    .catch(() => undefined);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
