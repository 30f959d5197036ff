import type { Graph } from '../graph/graph';

/** Why a node did not run. */
export type SkipReason =
  { kind: 'upstream'; failed: string } | { kind: 'fail-fast' } | { kind: 'cancelled' };

export interface ScheduleOptions<W> {
  /** Nodes and their edges; every node runs after all of its parents succeeded. */
  graph: Graph;
  /** Higher runs first among ready nodes (see `criticalPathPriority`). */
  priority: ReadonlyMap<string, number>;
  /** One per concurrent slot; each node gets a worker to itself while it runs. */
  workers: readonly W[];
  /** Stop starting nodes after the first failure and cancel the running ones. */
  failFast: boolean;
  /** Aborting stops starting nodes and cancels the running ones (Ctrl-C). */
  signal?: AbortSignal;
  /**
   * Runs one node; resolves `false` when it failed (its descendants are then skipped). `lend`
   * hands the node a free worker for work of its own that can run at once (a microbatch
   * model's batches).
   */
  run(
    id: string,
    worker: W,
    workerIndex: number,
    lend: () => LentWorker<W> | undefined,
  ): Promise<boolean>;
  /** Interrupts what a worker is running (`conn.cancel()`); its `run` must still settle. */
  cancel(worker: W): Promise<void>;
  skip(id: string, reason: SkipReason): void;
}

/**
 * A worker a running node borrowed: busy (and cancelled on a stop) until given back, when the
 * pool hands it to the next ready node.
 */
export interface LentWorker<W> {
  worker: W;
  index: number;
  giveBack(): void;
}

/**
 * A worker pool over a DAG, dbt's GraphQueue: a node becomes ready when all its parents
 * succeeded; ready nodes start by priority on the first free worker. A failed node skips every
 * descendant while independent branches go on. With `failFast` or an aborted signal, nothing
 * new starts, running nodes are cancelled, and whatever never ran is skipped. Resolves once
 * every node has run or been skipped, so callers always get a complete result set.
 */
export async function schedule<W>(options: ScheduleOptions<W>): Promise<{ stopped: boolean }> {
  const { graph, priority, workers } = options;
  const waiting = new Map<string, number>();
  const ready: string[] = [];
  for (const id of graph.nodes()) {
    const n = graph.parents(id).size;
    waiting.set(id, n);
    if (n === 0) ready.push(id);
  }
  const done = new Set<string>();
  const free = workers.map((_, i) => i);
  const busy = new Map<number, string>();
  let stopped = options.signal?.aborted ?? false;
  let wake: () => void = () => undefined;

  const finish = (id: string) => {
    done.add(id);
    waiting.delete(id);
  };
  const skipDescendants = (failed: string) => {
    for (const d of graph.descendants([failed])) {
      if (done.has(d)) continue;
      finish(d);
      options.skip(d, { kind: 'upstream', failed });
    }
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const index of busy.keys()) void options.cancel(workers[index]!).catch(() => undefined);
    wake();
  };
  const onAbort = () => stop();
  options.signal?.addEventListener('abort', onAbort);

  /** A free worker for `id`'s own parallel work; none while stopping or when all are busy. */
  const lend = (id: string) => (): LentWorker<W> | undefined => {
    if (stopped || free.length === 0) return undefined;
    const index = free.shift()!;
    busy.set(index, id);
    let returned = false;
    return {
      worker: workers[index]!,
      index,
      giveBack: () => {
        if (returned) return;
        returned = true;
        busy.delete(index);
        free.push(index);
        wake();
      },
    };
  };

  const start = (id: string, index: number) => {
    busy.set(index, id);
    void options
      .run(id, workers[index]!, index, lend(id))
      .catch(() => false)
      .then((ok) => {
        busy.delete(index);
        free.push(index);
        finish(id);
        if (ok) {
          for (const c of graph.children(id)) {
            const left = waiting.get(c);
            if (left === undefined) continue;
            waiting.set(c, left - 1);
            if (left - 1 === 0) ready.push(c);
          }
        } else {
          skipDescendants(id);
          if (options.failFast) stop();
        }
        wake();
      });
  };

  try {
    while (busy.size > 0 || (!stopped && ready.length > 0)) {
      if (!stopped) {
        ready.sort((a, b) => (priority.get(b) ?? 0) - (priority.get(a) ?? 0));
        while (ready.length > 0 && free.length > 0) {
          const id = ready.shift()!;
          if (done.has(id)) continue;
          start(id, free.shift()!);
        }
      }
      if (busy.size === 0) continue;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  const reason: SkipReason = options.signal?.aborted
    ? { kind: 'cancelled' }
    : { kind: 'fail-fast' };
  for (const id of graph.topologicalOrder()) {
    if (done.has(id)) continue;
    finish(id);
    options.skip(id, reason);
  }
  return { stopped };
}
