import { describe, expect, it } from 'vitest';
import { Graph } from '../graph/graph';
import { addTestGates, criticalPathPriority, scheduleGraph } from './schedule-graph';
import { schedule, type SkipReason } from './scheduler';
import type { Manifest } from '../manifest/types';

function dag(edges: Array<[string, string]>, nodes: string[] = []): Graph {
  const g = new Graph();
  for (const n of nodes) g.addNode(n);
  for (const [a, b] of edges) g.addEdge(a, b);
  return g;
}

/** Runs `graph` with fake workers; `fail` fails, `hang` waits until cancelled. */
async function simulate(
  graph: Graph,
  options: {
    workers?: number;
    fail?: string[];
    hang?: string[];
    failFast?: boolean;
    signal?: AbortSignal;
  } = {},
) {
  const started: string[] = [];
  const skipped: Record<string, SkipReason['kind']> = {};
  const cancelled: number[] = [];
  const hangs = new Map<number, () => void>();
  let running = 0;
  let maxRunning = 0;
  const workers = Array.from({ length: options.workers ?? 2 }, (_, i) => i);
  await schedule({
    graph,
    priority: criticalPathPriority(graph),
    workers,
    failFast: options.failFast ?? false,
    ...(options.signal ? { signal: options.signal } : {}),
    async run(id, worker) {
      started.push(id);
      maxRunning = Math.max(maxRunning, ++running);
      if (options.hang?.includes(id)) await new Promise<void>((r) => hangs.set(worker, r));
      else await new Promise((r) => setTimeout(r, 2));
      running--;
      return !options.fail?.includes(id) && !options.hang?.includes(id);
    },
    async cancel(worker) {
      cancelled.push(worker);
      hangs.get(worker)?.();
    },
    skip: (id, reason) => void (skipped[id] = reason.kind),
  });
  return { started, skipped, cancelled, maxRunning };
}

describe('schedule', () => {
  it('runs parents before children, critical path first, never more than the workers at once', async () => {
    // long chain a→b→c→d and two leaves x, y: a starts first although x, y come first in order.
    const g = dag(
      [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'd'],
      ],
      ['x', 'y', 'a'],
    );
    const { started, maxRunning } = await simulate(g, { workers: 1 });
    expect(started[0]).toBe('a');
    expect(started.indexOf('b')).toBeLessThan(started.indexOf('c'));
    expect(started).toHaveLength(6);
    expect(maxRunning).toBe(1);
    expect((await simulate(g, { workers: 3 })).maxRunning).toBeGreaterThan(1);
  });

  it('a failure skips all descendants while independent branches go on', async () => {
    const g = dag([
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'd'],
      ['x', 'y'],
    ]);
    const { started, skipped } = await simulate(g, { fail: ['a'] });
    expect(skipped).toEqual({ b: 'upstream', c: 'upstream', d: 'upstream' });
    expect(started.sort()).toEqual(['a', 'x', 'y']);
  });

  it('fail-fast cancels running nodes and skips the ones that never started', async () => {
    const g = dag([['slow', 'after']], ['bad', 'other1', 'other2']);
    const { skipped, cancelled } = await simulate(g, {
      workers: 2,
      fail: ['bad'],
      hang: ['slow'],
      failFast: true,
    });
    expect(cancelled).toHaveLength(1);
    expect(skipped.after).toBe('upstream');
    expect(Object.values(skipped).filter((k) => k === 'fail-fast').length).toBeGreaterThan(0);
  });

  it('an abort cancels running work and skips the rest as cancelled', async () => {
    const controller = new AbortController();
    const g = dag([['hang', 'next']], ['other']);
    setTimeout(() => controller.abort(), 20);
    const { skipped, cancelled } = await simulate(g, {
      workers: 1,
      hang: ['hang'],
      signal: controller.signal,
    });
    expect(cancelled).toEqual([0]);
    expect(skipped).toMatchObject({ next: 'upstream', other: 'cancelled' });
  });
});

describe('scheduleGraph / addTestGates', () => {
  it('keeps edges through unselected nodes', () => {
    const g = scheduleGraph(
      dag([
        ['a', 'b'],
        ['b', 'c'],
      ]),
      new Set(['a', 'c']),
    );
    expect([...g.parents('c')]).toEqual(['a']);
  });

  it('makes the children of a tested model wait for its tests, without cycles for relationship tests', () => {
    const g = dag([
      ['m', 'child'],
      ['m', 't_m'],
      ['m', 't_rel'],
      ['child', 't_rel'],
    ]);
    const manifest = {
      nodes: Object.fromEntries(
        ['m', 'child', 't_m', 't_rel'].map((id) => [
          id,
          { resource_type: id.startsWith('t_') ? 'test' : 'model' },
        ]),
      ),
    } as unknown as Manifest;
    addTestGates(g, manifest);
    expect([...g.parents('child')].sort()).toEqual(['m', 't_m']);
    expect(() => g.topologicalOrder()).not.toThrow();
  });
});

describe('schedule lends free workers to a running node', () => {
  it('hands out only free workers, and one given back runs the next ready node', async () => {
    const log: string[] = [];
    let release: () => void = () => undefined;
    const otherDone = new Promise<void>((r) => (release = r));
    await schedule({
      graph: dag([['other', 'after']], ['big']),
      priority: new Map([
        ['big', 3],
        ['other', 2],
      ]),
      workers: [0, 1, 2],
      failFast: false,
      async run(id, worker, _index, lend) {
        log.push(`${id}@${worker}`);
        if (id === 'big') {
          await Promise.resolve(); // the pool has started 'other' meanwhile
          const lent = lend();
          log.push(`lent ${lent?.worker}, then ${lend() === undefined ? 'none' : 'more'}`);
          lent!.giveBack();
          lent!.giveBack();
          await otherDone;
        } else if (id === 'other') {
          await new Promise((r) => setTimeout(r, 5));
          release();
        }
        return true;
      },
      cancel: async () => undefined,
      skip: () => undefined,
    });
    expect(log).toEqual(['big@0', 'other@1', 'lent 2, then none', 'after@2']);
  });
});
