import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Adapter } from '../adapter/adapter';
import type { Connection } from '../adapter/connection';
import type { RelationKind } from '../adapter/dialect';
import type { CompileResult } from '../compile/compile-project';
import { TsmodelError, formatLocation } from '../diagnostics';
import type { Manifest, ManifestNode, RelationName } from '../manifest/types';
import { abortableConnection } from './abortable-connection';
import { dropInterruptedStaging } from './cancel-cleanup';
import { dependentViewsKeeper, relationKey } from './keep-dependent-views';
import type { NodeOutcome, NodeRunContext } from './node-context';
import { RelationCache, distinctSchemas } from './relation-cache';
import { RunCatalog } from './run-catalog';
import { runRenders, type RunRenders } from './run-renders';
import { runEndContext } from './run-end-context';
import { runResultsArtifact, writeRunResults } from './run-results';
import { parseHook } from '../project/hook-config';
import { setInvocationFlags } from '../templating/invocation-flags';
import { Redactor, collectSecrets } from '../secrets';
import { runModel } from './run-model';
import { runClone, type CloneContext } from './run-clone';
import { connectionLender, type ConnectionLender, type MicrobatchRun } from './run-microbatch';
import { isMicrobatch, type EventTimeRange } from '../materializations/microbatch-config';
import { runSeed } from './run-seed';
import { runSnapshot } from './run-snapshot';
import { RunSqlRecorder } from './run-sql-recorder';
import { runTest } from './run-test';
import { runUnitTest } from './run-unit-test';
import { isUnitTest } from '../unit-tests/types';
import { renderJustInTime } from './jit-render';
import {
  addTestGates,
  criticalPathPriority,
  scheduleGraph,
  unitTestsFirst,
} from './schedule-graph';
import { schedule, type SkipReason } from './scheduler';
import { tracingConnection, type TracedStatement } from './tracing-connection';
import { isFailure, runTotals, type NodeResult, type RunEvent, type RunTotals } from './types';

/**
 * The command being run decides only whether tests gate their children and unit tests their
 * models (`build`).
 */
export type RunCommand = 'run' | 'build' | 'seed' | 'test' | 'snapshot' | 'clone';

export interface ExecuteRunOptions {
  compiled: Pick<
    CompileResult,
    | 'manifest'
    | 'graph'
    | 'renderForRun'
    | 'renderUnitTest'
    | 'introspective'
    | 'logging'
    | 'selfReferencing'
    | 'renderAdHoc'
    | 'project'
    | 'profile'
    | 'engine'
  >;
  adapter: Adapter;
  /** Nodes to run, already narrowed to the command's resource types; sources are ignored. */
  selected: ReadonlySet<string>;
  command: RunCommand;
  /** Concurrent nodes; defaults to the target's `threads`. */
  threads?: number;
  fullRefresh?: boolean;
  /** `tsmodel clone`: every selected node becomes a copy of this state's relation (`runClone`). */
  clone?: { state: Manifest };
  /** `--empty`: seeds load no rows (refs and sources read none: a compile option). */
  empty?: boolean;
  /** `--store-failures`; a test's own `store_failures` / `store_failures_as` wins. */
  storeFailures?: boolean;
  failFast?: boolean;
  /** Wait for a run holding the target schemas (default) instead of failing (`--no-wait`). */
  wait?: boolean;
  /**
   * Ctrl-C, SIGTERM, SIGHUP: stops scheduling, cancels running statements (those nodes end
   * `cancelled`), skips the rest and drops the staging relations the cancelled nodes left.
   * Its `reason`, when a string (`'SIGTERM'`), is named in the cancelled nodes' messages.
   */
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Recorded as run_results.json `args`. */
  args?: Record<string, unknown>;
  /** Write `target/run_results.json` (default true). */
  writeResults?: boolean;
  /** Called before every statement the run sends (`--debug`); omitted, nothing is traced. */
  onStatement?: (statement: TracedStatement) => void;
  /** `--event-time-start` / `--event-time-end`: the window microbatch models build. */
  eventTimeRange?: EventTimeRange;
  /** `retry`: the batches to build again per microbatch model (see `MicrobatchRun.retry`). */
  retryBatches?: MicrobatchRun['retry'];
}

export interface RunOutcome {
  results: NodeResult[];
  totals: RunTotals;
  /** Seconds. */
  elapsed: number;
  cancelled: boolean;
  /** Leftover tmp/backup relations of a killed run that were dropped first. */
  droppedLeftovers: string[];
  resultsPath?: string;
}

const RUNNABLE = new Set(['model', 'seed', 'snapshot', 'test', 'unit_test']);

/**
 * Runs the selected nodes of a compiled project against a warehouse: prepare schemas (listing
 * each once, dropping leftovers of killed runs), `on-run-start`, the DAG on `threads` workers
 * with their own connections, `on-run-end`, then `run_results.json`. Node failures are results,
 * not exceptions; only a failing run hook or connection throws.
 */
export async function executeRun(options: ExecuteRunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const { compiled, adapter } = options;
  const { manifest, project, profile } = compiled;
  const emit = options.onEvent ?? (() => undefined);
  setInvocationFlags(compiled.engine.env, {
    FULL_REFRESH: options.fullRefresh ?? false,
    STORE_FAILURES: options.storeFailures ?? false,
    WHICH: options.command,
  });
  const nodeOf = (id: string): ManifestNode => manifest.nodes[id] ?? manifest.unit_tests![id]!;
  // Ephemeral models build nothing (their SQL is inlined into children), so like dbt they are
  // neither run nor counted; the schedule graph keeps the edges through them.
  const ids = new Set(
    [...options.selected].filter((id) => {
      const node = manifest.nodes[id] ?? manifest.unit_tests?.[id];
      return (
        node !== undefined &&
        RUNNABLE.has(node.resource_type) &&
        !(node.resource_type === 'model' && node.config.materialized === 'ephemeral')
      );
    }),
  );
  const graph = scheduleGraph(
    options.command === 'build' ? unitTestsFirst(compiled.graph, manifest) : compiled.graph,
    ids,
  );
  if (options.command === 'build') addTestGates(graph, manifest);
  // Threads beyond the node count idle, unless a microbatch model can run batches on them.
  const batched = [...ids].some((id) => isMicrobatch(nodeOf(id).config));
  const threads = Math.max(
    1,
    Math.min(
      options.threads ?? profile.target.threads ?? 1,
      batched ? Infinity : Math.max(ids.size, 1),
    ),
  );
  const dialect = adapter.dialect;
  const relations = new RelationCache(dialect);
  const catalog = new RunCatalog(adapter);
  const renders = runRenders(compiled, catalog, (message, info) =>
    emit({ type: 'log', message, info }),
  );
  // Selected view models by relation: a dependent view that is one of them, downstream of the
  // node being rebuilt, is rebuilt by its own node later in this run.
  const selectedViews = new Map<string, string>();
  for (const id of ids) {
    const node = nodeOf(id);
    if (node.resource_type === 'model' && node.relation && node.config.materialized === 'view')
      selectedViews.set(relationKey(node.relation, dialect), id);
  }
  const ctx: NodeRunContext = {
    manifest,
    dialect,
    relations,
    introspector: (conn) => adapter.introspector(conn),
    renders,
    unitTestSql: (conn, test, fixtures) =>
      renderJustInTime(
        (warehouse) => compiled.renderUnitTest(test, fixtures, warehouse),
        conn,
        catalog,
        test.unique_id,
      ),
    catalog,
    fullRefresh: options.fullRefresh ?? false,
    ...(options.clone ? { clone: cloneContext(options.clone.state, adapter) } : {}),
    empty: options.empty ?? false,
    storeFailures: options.storeFailures ?? false,
    beforeNode: async (conn, node) =>
      adapter.beforeNode?.(conn, { unique_id: node.unique_id, config: node.config }),
    dependentsKeeper: (node) => {
      if (!dialect.dependentViews) return undefined;
      let downstream: Set<string> | undefined;
      return dependentViewsKeeper({
        sql: dialect.dependentViews,
        dialect,
        node: node.unique_id,
        rebuiltLater: (view) => {
          const id = selectedViews.get(
            relationKey({ schema: view.schema, identifier: view.name }, dialect),
          );
          downstream ??= graph.descendants([node.unique_id]);
          return id !== undefined && downstream.has(id);
        },
        report: (kept) => emit({ type: 'dependents-kept', node, ...kept }),
      });
    },
    warn: (node, message) => emit({ type: 'node-warning', node, message }),
    microbatch: {
      now: compiled.engine.options.runStartedAt,
      selfReferencing: compiled.selfReferencing,
      ...(options.eventTimeRange ? { range: options.eventTimeRange } : {}),
      ...(options.retryBatches ? { retry: options.retryBatches } : {}),
      report: emit,
    },
  };
  const target = {
    schema: profile.target.schema,
    ...(profile.target.database !== undefined ? { database: String(profile.target.database) } : {}),
  };

  const connections: Connection[] = [];
  const results: NodeResult[] = [];
  // Aborted by Ctrl-C, or by the scheduler on --fail-fast: no new statement starts after it.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort);
  let droppedLeftovers: string[] = [];
  // A unit test's relation is its scratch table, beside its model: its schema is written too.
  const built = [...ids].map(nodeOf).flatMap((n) => (n.relation ? [n.relation] : []));
  const schemas = distinctSchemas(built);
  // Before any DDL, even `create schema`: a second run on these schemas waits or fails here.
  const lock = await adapter.lockRun?.({
    schemas,
    wait: options.wait ?? true,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    for (let i = 0; i < threads; i++) connections.push(await adapter.connect());
    const onStatement = options.onStatement;
    const sessions = onStatement
      ? connections.map((c, i) => tracingConnection(c, i, onStatement))
      : connections;
    const workers = sessions.map((c) => abortableConnection(c, stop.signal));
    const main = sessions[0]!;
    droppedLeftovers = await relations.prepare(main, adapter.introspector(main), schemas);
    for (const relation of droppedLeftovers) emit({ type: 'leftover-dropped', relation });
    emit({ type: 'run-start', total: ids.size, threads });
    if (!options.signal?.aborted)
      await runProjectHooks(options, renders, main, 'on-run-start', emit);

    const recorder = options.writeResults !== false ? new RunSqlRecorder() : undefined;
    let index = 0;
    const total = ids.size;
    const relationOf = (node: ManifestNode) =>
      renderedRelation(node, (r) => dialect.renderRelation(r));
    const record = (node: ManifestNode, nodeIndex: number, result: NodeResult) => {
      results.push(result);
      emit({ type: 'node-end', index: nodeIndex, total, node, relation: relationOf(node), result });
    };
    await schedule({
      graph,
      priority: criticalPathPriority(graph),
      workers,
      failFast: options.failFast ?? false,
      ...(options.signal ? { signal: options.signal } : {}),
      cancel: (conn) => {
        stop.abort();
        return conn.cancel();
      },
      run: async (id, conn, worker, lend) => {
        const node = nodeOf(id);
        const nodeIndex = ++index;
        emit({ type: 'node-start', index: nodeIndex, total, node, relation: relationOf(node) });
        const session = recorder ? recorder.forNode(conn, node) : conn;
        const lender = connectionLender(lend, async (borrowed) => {
          const c = recorder ? recorder.forNode(borrowed, node) : borrowed;
          await ctx.beforeNode(c, node);
          return c;
        });
        const result = markCancelled(
          await runNode(
            ctx,
            session,
            node,
            target,
            `Thread-${worker + 1}`,
            relationOf(node),
            lender,
          ),
          options.signal,
        );
        record(node, nodeIndex, result);
        return !isFailure(result.status);
      },
      skip: (id, reason) => {
        const node = nodeOf(id);
        record(node, ++index, skippedResult(node, reason, relationOf(node)));
      },
    });
    const cancelled = options.signal?.aborted ?? false;
    if (cancelled) await cleanUpCancelled(results, manifest, adapter, main, emit);
    else
      await runProjectHooks(options, renders, main, 'on-run-end', emit, {
        ...runEndContext(results, manifest),
      });
    const elapsed = (performance.now() - started) / 1000;
    emit({ type: 'run-end', results, elapsed, cancelled });
    const outcome: RunOutcome = {
      results,
      totals: runTotals(results),
      elapsed,
      cancelled,
      droppedLeftovers,
    };
    if (options.writeResults !== false) {
      const targetDir = path.resolve(project.root.rootDir, project.root.targetPath);
      await recorder?.write(targetDir, manifest);
      outcome.resultsPath = await writeRunResults(
        targetDir,
        runResultsArtifact({
          results,
          elapsed,
          invocationId: compiled.engine.options.invocationId,
          args: { which: options.command, ...options.args },
        }),
        new Redactor(collectSecrets(profile.target, compiled.engine.options.env)),
      );
    }
    return outcome;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await Promise.all(connections.map((c) => c.close().catch(() => undefined)));
    await lock?.release();
  }
}

async function runNode(
  ctx: NodeRunContext,
  conn: Connection,
  node: ManifestNode,
  target: { schema: string; database?: string },
  threadId: string,
  relation: string | undefined,
  lender: ConnectionLender,
): Promise<NodeResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  let outcome: NodeOutcome;
  try {
    await ctx.beforeNode(conn, node);
    if (ctx.clone) outcome = await runClone({ ...ctx, clone: ctx.clone }, conn, node);
    else if (node.resource_type === 'seed') outcome = await runSeed(ctx, conn, node, threadId);
    else if (node.resource_type === 'test') outcome = await runTest(ctx, conn, node, target);
    else if (isUnitTest(node)) outcome = await runUnitTest(ctx, conn, node);
    else if (node.resource_type === 'snapshot')
      outcome = await runSnapshot(ctx, conn, node, threadId);
    else outcome = await runModel(ctx, conn, node, threadId, lender);
  } catch (err) {
    outcome = { status: 'error', message: errorMessage(err) };
  }
  return {
    unique_id: node.unique_id,
    status: outcome.status,
    timing: [
      {
        name: 'execute',
        started_at: startedAt.toISOString(),
        completed_at: new Date().toISOString(),
      },
    ],
    thread_id: threadId,
    execution_time: (performance.now() - t0) / 1000,
    ...(outcome.rowsAffected !== undefined ? { rows_affected: outcome.rowsAffected } : {}),
    adapter_response:
      outcome.status === 'error'
        ? {}
        : {
            _message: outcome.message || 'OK',
            ...(outcome.rowsAffected !== undefined ? { rows_affected: outcome.rowsAffected } : {}),
            ...(outcome.queryId !== undefined ? { query_id: outcome.queryId } : {}),
          },
    message: outcome.message,
    failures: outcome.failures ?? null,
    ...(node.compiled_path !== undefined ? { compiled_path: node.compiled_path } : {}),
    ...(relation !== undefined ? { relation_name: relation } : {}),
    ...(outcome.batchResults ? { batch_results: outcome.batchResults } : {}),
  };
}

/**
 * A node that failed because the run was interrupted (its statement cancelled, or refused after
 * the signal) is `cancelled`, not `error`: run_results.json then tells a cancelled run from a
 * broken one. A node that finished before the cancel reached it keeps its result.
 */
function markCancelled(result: NodeResult, signal: AbortSignal | undefined): NodeResult {
  if (!signal?.aborted || result.status !== 'error') return result;
  const by = typeof signal.reason === 'string' ? signal.reason : 'a signal';
  return { ...result, status: 'cancelled', message: `cancelled by ${by}: ${result.message}` };
}

/** Drops what the cancelled nodes staged, on the main session (which ignores the abort). */
async function cleanUpCancelled(
  results: readonly NodeResult[],
  manifest: Manifest,
  adapter: Adapter,
  main: Connection,
  emit: (event: RunEvent) => void,
): Promise<void> {
  const interrupted = results
    .filter((r) => r.status === 'cancelled')
    .map((r) => manifest.nodes[r.unique_id] ?? manifest.unit_tests?.[r.unique_id])
    .flatMap((n) => (n && n.resource_type !== 'test' && n.relation ? [n.relation] : []));
  if (interrupted.length === 0) return;
  try {
    const dropped = await dropInterruptedStaging(
      main,
      adapter.introspector(main),
      adapter.dialect,
      interrupted,
    );
    for (const relation of dropped) emit({ type: 'staging-dropped', relation });
  } catch (err) {
    emit({ type: 'staging-cleanup-failed', message: errorMessage(err) });
  }
}

function skippedResult(
  node: ManifestNode,
  reason: SkipReason,
  relation: string | undefined,
): NodeResult {
  const message =
    reason.kind === 'upstream'
      ? `skipped because ${reason.failed} failed`
      : reason.kind === 'fail-fast'
        ? 'skipped after a failure (--fail-fast)'
        : 'skipped: run cancelled';
  return {
    unique_id: node.unique_id,
    status: 'skipped',
    timing: [],
    thread_id: '',
    execution_time: 0,
    adapter_response: {},
    message,
    failures: null,
    ...(node.compiled_path !== undefined ? { compiled_path: node.compiled_path } : {}),
    ...(relation !== undefined ? { relation_name: relation } : {}),
  };
}

async function runProjectHooks(
  options: ExecuteRunOptions,
  renders: RunRenders,
  conn: Connection,
  which: 'on-run-start' | 'on-run-end',
  emit: (event: RunEvent) => void,
  globals: Record<string, unknown> = {},
): Promise<void> {
  const root = options.compiled.project.root;
  const hooks = which === 'on-run-start' ? root.onRunStart : root.onRunEnd;
  for (const [i, hook] of hooks.entries()) {
    emit({ type: 'hook-start', hook: which, index: i + 1, total: hooks.length });
    const render = (text: string) =>
      renders.renderAdHoc(conn, text, { name: which, file: hook.file, globals });
    try {
      let sql = await render(hook.sql);
      // A printed hook dict (`{{ after_commit('…') }}`): its SQL, with relations still to resolve.
      const printed = parseHook(sql);
      if (printed.sql !== sql) sql = await render(printed.sql);
      if (sql.trim() === '') continue;
      await conn.execute(sql, { label: `${which} ${i + 1}` });
    } catch (err) {
      throw new TsmodelError({
        code: 'run-hook-failed',
        message: `${which} hook ${i + 1} failed: ${errorMessage(err)}`,
        location: { file: hook.file, ...(hook.line !== undefined ? { line: hook.line } : {}) },
        hint: `fix the hook under ${which}: in ${hook.file}`,
        cause: err,
      });
    }
  }
}

function renderedRelation(
  node: ManifestNode,
  render: (r: RelationName) => string,
): string | undefined {
  if (!node.relation || node.resource_type === 'test' || isUnitTest(node)) return undefined;
  return render(node.relation);
}

/**
 * A failed node's message: a template error found only at run time keeps its file and line
 * (and the fix), as it would at compile time.
 */
function errorMessage(err: unknown): string {
  if (err instanceof TsmodelError && err.location) {
    // A message that ends in a table (a contract's differences) gets the fix on a line of its own.
    const hint = err.hint ? `${err.message.includes('\n') ? '\n' : ' — '}${err.hint}` : '';
    return `${formatLocation(err.location)} ${err.message}${hint}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Where the state's relations are, listed once per schema for the whole clone run. */
function cloneContext(state: Manifest, adapter: Adapter): CloneContext {
  const listings = new Map<string, Promise<Map<string, RelationKind>>>();
  const key = (part: string) => adapter.dialect.identifierKey(part);
  return {
    state,
    kindOf: async (conn, relation) => {
      const schemaKey = `${key(relation.database ?? '')}.${key(relation.schema)}`;
      let listing = listings.get(schemaKey);
      if (!listing) {
        listing = adapter
          .introspector(conn)
          .listRelations(relation.database, relation.schema)
          .then((found) => new Map(found.map((r) => [key(r.name), r.kind])));
        listings.set(schemaKey, listing);
      }
      return (await listing).get(key(relation.identifier));
    },
  };
}
