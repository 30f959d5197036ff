import { Graph } from '../graph/graph';
import type { Manifest } from '../manifest/types';

/**
 * The graph the scheduler walks: the selected nodes, each depending on its nearest selected
 * ancestors. Unlike `Graph.subgraph`, an unselected node in between keeps its edge: with
 * `--select a c` where `a → b → c`, `c` still waits for `a`, as in dbt.
 */
export function scheduleGraph(graph: Graph, selected: ReadonlySet<string>): Graph {
  const out = new Graph();
  const nearest = new Map<string, Set<string>>();
  const nearestSelected = (id: string): Set<string> => {
    let hit = nearest.get(id);
    if (hit) return hit;
    hit = new Set();
    for (const p of graph.parents(id)) {
      if (selected.has(p)) hit.add(p);
      else for (const a of nearestSelected(p)) hit.add(a);
    }
    nearest.set(id, hit);
    return hit;
  };
  for (const id of graph.topologicalOrder()) {
    if (!selected.has(id)) {
      nearestSelected(id);
      continue;
    }
    out.addNode(id);
    for (const p of nearestSelected(id)) out.addEdge(p, id);
  }
  return out;
}

/**
 * dbt `build`: a model's unit tests run before the model — once its parents are built, since
 * they read the parents' column types — and a failing one skips the model and what depends on
 * it. Returns a copy of `graph` where each unit test depends on its model's parents and the
 * model on it, instead of the unit test on its model.
 */
export function unitTestsFirst(graph: Graph, manifest: Manifest): Graph {
  const unitTests = manifest.unit_tests ?? {};
  if (Object.keys(unitTests).length === 0) return graph;
  const out = new Graph();
  for (const id of graph.nodes()) {
    out.addNode(id);
    const test = unitTests[id];
    if (!test) {
      for (const p of graph.parents(id)) if (!unitTests[p]) out.addEdge(p, id);
      continue;
    }
    const model = test.depends_on.nodes[0]!;
    for (const p of graph.parents(model)) out.addEdge(p, id);
    out.addEdge(id, model);
  }
  return out;
}

/**
 * dbt `build`: a model's tests run before its children, and a failing test skips them. Adds
 * `test → child` for every child of a node the test checks, unless that child is (an ancestor
 * of) another node the test reads, which would close a cycle (a relationships test between a
 * parent and its child).
 */
export function addTestGates(schedule: Graph, manifest: Manifest): void {
  for (const id of [...schedule.nodes()]) {
    const test = manifest.nodes[id];
    if (test?.resource_type !== 'test') continue;
    const tested = [...schedule.parents(id)];
    const blocked = new Set([...tested, ...schedule.ancestors(tested)]);
    for (const parent of tested) {
      for (const child of schedule.children(parent)) {
        if (child === id || blocked.has(child)) continue;
        if (manifest.nodes[child]?.resource_type === 'test') continue;
        schedule.addEdge(id, child);
      }
    }
  }
}

/**
 * Critical path first: each node's priority is the length of the longest chain of nodes that
 * still depend on it, so long chains start early and the last worker is not left alone with
 * one. Ties keep DAG order.
 */
export function criticalPathPriority(schedule: Graph): Map<string, number> {
  const order = schedule.topologicalOrder();
  const height = new Map<string, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i]!;
    let h = 0;
    for (const c of schedule.children(id)) h = Math.max(h, height.get(c)! + 1);
    height.set(id, h);
  }
  return height;
}
