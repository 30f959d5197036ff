import { describe, expect, it } from 'vitest';
import { layeredLayout } from './layout';

/** Counts pairs of edges between the same two columns that cross. */
function crossings(edges: number[], rank: Int32Array, row: Int32Array): number {
  let count = 0;
  for (let a = 0; a < edges.length; a += 2)
    for (let b = a + 2; b < edges.length; b += 2) {
      const [p1, c1, p2, c2] = [edges[a]!, edges[a + 1]!, edges[b]!, edges[b + 1]!];
      if (rank[p1] !== rank[p2] || rank[c1] !== rank[c2]) continue;
      if ((row[p1]! - row[p2]!) * (row[c1]! - row[c2]!) < 0) count++;
    }
  return count;
}

describe('layeredLayout', () => {
  it('ranks each node one past its deepest parent', () => {
    // 0 → 1 → 2, 0 → 2, 3 alone, 2 → 4
    const layout = layeredLayout(5, [0, 1, 1, 2, 0, 2, 2, 4]);
    expect([...layout.rank]).toEqual([0, 1, 2, 0, 3]);
    expect(layout.ranks).toBe(4);
    expect(layout.rows).toBe(2);
  });

  it('gives every node of a column its own row', () => {
    const edges = [0, 3, 1, 3, 2, 4];
    const layout = layeredLayout(5, edges);
    const column0 = [0, 1, 2].map((i) => layout.row[i]).sort();
    expect(column0).toEqual([0, 1, 2]);
    for (let e = 0; e < edges.length; e += 2)
      expect(layout.rank[edges[e]!]!).toBeLessThan(layout.rank[edges[e + 1]!]!);
  });

  it('orders columns so that edges cross less than in input order', () => {
    // Parents 0,1,2 feed children in reverse: 0→5, 1→4, 2→3. Input order crosses every pair.
    const edges = [0, 5, 1, 4, 2, 3];
    const layout = layeredLayout(6, edges);
    const inputRows = new Int32Array([0, 1, 2, 0, 1, 2]);
    expect(crossings(edges, layout.rank, inputRows)).toBe(3);
    expect(crossings(edges, layout.rank, layout.row)).toBe(0);
  });

  it('terminates on a cycle, which a manifest never has', () => {
    const layout = layeredLayout(3, [0, 1, 1, 2, 2, 1]);
    expect(layout.rank[0]).toBe(0);
    expect(layout.rank.length).toBe(3);
  });

  it('lays out 10,000 nodes with 30,000 edges (a generated DAG)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const edges: number[] = [];
    for (let child = 1; child < 10_000; child++)
      for (let k = 0; k < 3; k++) edges.push(Math.floor(random() * child), child);
    const layout = layeredLayout(10_000, edges);
    for (let e = 0; e < edges.length; e += 2)
      expect(layout.rank[edges[e]!]! < layout.rank[edges[e + 1]!]!).toBe(true);
  });
});
