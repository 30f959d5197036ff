import { describe, expect, it } from 'vitest';
import { Graph } from '../graph/graph';
import type { Manifest } from '../manifest/types';
import { scheduleGraph, unitTestsFirst } from './schedule-graph';

const UT = 'unit_test.shop.orders.t';

function project(): { graph: Graph; manifest: Manifest } {
  const graph = new Graph();
  graph.addEdge('seed.shop.raw', 'model.shop.orders');
  graph.addEdge('model.shop.orders', 'model.shop.big');
  graph.addEdge('model.shop.orders', UT);
  const manifest = {
    nodes: {},
    sources: {},
    unit_tests: { [UT]: { depends_on: { nodes: ['model.shop.orders'], macros: [] } } },
  } as unknown as Manifest;
  return { graph, manifest };
}

const edges = (g: Graph) =>
  [...g.nodes()].flatMap((id) => [...g.parents(id)].map((p) => `${p} → ${id}`)).sort();

describe('unit tests in build', () => {
  it('run after the model parents and before the model, which waits for them', () => {
    const { graph, manifest } = project();
    const all = new Set(graph.nodes());
    expect(edges(scheduleGraph(unitTestsFirst(graph, manifest), all))).toEqual(
      [
        'model.shop.orders → model.shop.big',
        `seed.shop.raw → ${UT}`,
        'seed.shop.raw → model.shop.orders',
        `${UT} → model.shop.orders`,
      ].sort(),
    );
  });

  it('selected alone, a unit test waits for nothing', () => {
    const { graph, manifest } = project();
    expect(edges(scheduleGraph(unitTestsFirst(graph, manifest), new Set([UT])))).toEqual([]);
  });
});
