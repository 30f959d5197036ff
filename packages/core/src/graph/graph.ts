import { TsmodelError } from '../diagnostics';

/**
 * The DAG of unique ids. Kept separate from the manifest so selection, scheduling and cycle
 * checks work on plain adjacency sets, and so building it twice (before and after disabling
 * nodes) costs nothing.
 */
export class Graph {
  private readonly parentsOf = new Map<string, Set<string>>();
  private readonly childrenOf = new Map<string, Set<string>>();

  addNode(id: string): void {
    if (!this.parentsOf.has(id)) this.parentsOf.set(id, new Set());
    if (!this.childrenOf.has(id)) this.childrenOf.set(id, new Set());
  }

  /** `parent` must build before `child`. */
  addEdge(parent: string, child: string): void {
    this.addNode(parent);
    this.addNode(child);
    this.parentsOf.get(child)!.add(parent);
    this.childrenOf.get(parent)!.add(child);
  }

  has(id: string): boolean {
    return this.parentsOf.has(id);
  }

  nodes(): IterableIterator<string> {
    return this.parentsOf.keys();
  }

  get size(): number {
    return this.parentsOf.size;
  }

  parents(id: string): ReadonlySet<string> {
    return this.parentsOf.get(id) ?? EMPTY;
  }

  children(id: string): ReadonlySet<string> {
    return this.childrenOf.get(id) ?? EMPTY;
  }

  /**
   * Ancestors of `ids` up to `depth` steps (all when undefined). A start node appears only when
   * it is itself an ancestor of another start node.
   */
  ancestors(ids: Iterable<string>, depth?: number): Set<string> {
    return this.walk(ids, this.parentsOf, depth);
  }

  /** Descendants of `ids` up to `depth` steps (all when undefined); see `ancestors`. */
  descendants(ids: Iterable<string>, depth?: number): Set<string> {
    return this.walk(ids, this.childrenOf, depth);
  }

  private walk(
    start: Iterable<string>,
    edges: Map<string, Set<string>>,
    depth: number | undefined,
  ): Set<string> {
    const seen = new Set<string>();
    const origin = new Set(start);
    let frontier = [...origin];
    for (let level = 0; frontier.length > 0 && (depth === undefined || level < depth); level++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const n of edges.get(id) ?? EMPTY) {
          if (!seen.has(n)) {
            seen.add(n);
            next.push(n);
          }
        }
      }
      frontier = next;
    }
    return seen;
  }

  /**
   * Nodes in dependency order (Kahn). Ties keep insertion order so output is stable across runs.
   * Throws a `cycle` error naming the full cycle path when the graph is not a DAG.
   */
  topologicalOrder(): string[] {
    const indegree = new Map<string, number>();
    for (const [id, ps] of this.parentsOf) indegree.set(id, ps.size);
    const queue: string[] = [];
    for (const [id, d] of indegree) if (d === 0) queue.push(id);
    const order: string[] = [];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i]!;
      order.push(id);
      for (const c of this.childrenOf.get(id)!) {
        const d = indegree.get(c)! - 1;
        indegree.set(c, d);
        if (d === 0) queue.push(c);
      }
    }
    if (order.length !== this.size) {
      const cycle = this.findCycle() ?? [];
      throw new TsmodelError({
        code: 'cycle',
        message: `dependency cycle: ${cycle.join(' → ')}`,
        node: cycle[0],
        hint: 'remove one of these refs so the models no longer depend on each other',
      });
    }
    return order;
  }

  /** One cycle as a path that starts and ends at the same node, or undefined for a DAG. */
  findCycle(): string[] | undefined {
    const state = new Map<string, 1 | 2>(); // 1 = on stack, 2 = done
    const stack: string[] = [];
    for (const root of this.parentsOf.keys()) {
      if (state.has(root)) continue;
      // Iterative DFS keeps deep chains (10k+ models) off the JS call stack.
      const iters: Array<Iterator<string>> = [this.childrenOf.get(root)![Symbol.iterator]()];
      stack.push(root);
      state.set(root, 1);
      while (iters.length > 0) {
        const step = iters[iters.length - 1]!.next();
        if (step.done) {
          iters.pop();
          state.set(stack.pop()!, 2);
          continue;
        }
        const next = step.value;
        const s = state.get(next);
        if (s === 1) return [...stack.slice(stack.indexOf(next)), next];
        if (s === undefined) {
          state.set(next, 1);
          stack.push(next);
          iters.push(this.childrenOf.get(next)![Symbol.iterator]());
        }
      }
    }
    return undefined;
  }

  /**
   * Depth of each node: 0 for roots, else 1 + the deepest parent. The scheduler runs lower
   * levels first, like dbt's GraphQueue.
   */
  levels(): Map<string, number> {
    const level = new Map<string, number>();
    for (const id of this.topologicalOrder()) {
      let l = 0;
      for (const p of this.parentsOf.get(id)!) l = Math.max(l, level.get(p)! + 1);
      level.set(id, l);
    }
    return level;
  }

  /** The subgraph induced by `keep`: edges between kept nodes only. */
  subgraph(keep: ReadonlySet<string>): Graph {
    const g = new Graph();
    for (const id of this.parentsOf.keys()) {
      if (!keep.has(id)) continue;
      g.addNode(id);
      for (const p of this.parentsOf.get(id)!) if (keep.has(p)) g.addEdge(p, id);
    }
    return g;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
