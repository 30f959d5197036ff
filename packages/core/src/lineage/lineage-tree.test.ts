import { describe, expect, it } from 'vitest';
import type { Manifest } from '../manifest/types';
import { findLineageColumn, renderLineageTree, upstreamTree } from './lineage-tree';
import type { NodeLineage } from './types';

const node = (id: string, resource_type: string) => ({
  unique_id: id,
  resource_type,
  name: id.split('.').pop(),
  package_name: 'p',
});
const manifest = {
  nodes: {
    'model.p.b': node('model.p.b', 'model'),
    'model.p.a': node('model.p.a', 'model'),
    'seed.p.s': node('seed.p.s', 'seed'),
  },
  sources: {},
} as unknown as Manifest;

// b.total = sum(a.x + a.y); a.x and a.y both rename s.v
const lineage: Record<string, NodeLineage> = {
  'model.p.b': {
    columns: {
      total: {
        upstream: [
          { node: 'model.p.a', column: 'x' },
          { node: 'model.p.a', column: 'y' },
        ],
        how: 'aggregation',
      },
    },
  },
  'model.p.a': {
    columns: {
      x: { upstream: [{ node: 'seed.p.s', column: 'v' }], how: 'rename' },
      y: { upstream: [{ node: 'model.p.a', column: 'x' }], how: 'rename' },
      '*': {
        upstream: [],
        how: 'passthrough',
        unresolved: 'select * from "raw"."t" without known columns',
      },
    },
  },
};

describe('lineage tree', () => {
  it('renders each edge with how, ends at seeds, and shows a repeated column once', () => {
    const tree = upstreamTree(lineage, { node: 'model.p.b', column: 'total' });
    expect(renderLineageTree(tree, manifest)).toEqual([
      'b.total',
      '├─ ← (aggregation) a.x',
      '│  └─ ← (rename) s.v (seed)',
      '└─ ← (aggregation) a.y',
      '   └─ ← (rename) a.x  [upstream shown above]',
    ]);
  });

  it('--depth cuts the tree and says so', () => {
    const tree = upstreamTree(lineage, { node: 'model.p.b', column: 'total' }, 1);
    expect(tree.upstream.map((u) => u.truncated)).toEqual([true, true]);
  });

  it('a column only a select * brought in carries its reason', () => {
    const tree = upstreamTree(lineage, { node: 'model.p.a', column: 'z' });
    expect(tree.unresolved).toBe('select * from "raw"."t" without known columns');
  });

  it('names a column case-insensitively, and suggests near names for typos', () => {
    expect(findLineageColumn(manifest, lineage, 'B.TOTAL')).toEqual({
      node: 'model.p.b',
      column: 'total',
    });
    expect(() => findLineageColumn(manifest, lineage, 'bb.total')).toThrow("did you mean 'b'?");
    expect(() => findLineageColumn(manifest, lineage, 'b.totl')).toThrow("did you mean 'total'?");
    expect(() => findLineageColumn(manifest, lineage, 's.v')).toThrow(
      's is a seed: its columns have no upstream',
    );
    expect(() => findLineageColumn(manifest, lineage, 'total')).toThrow(
      "'total' is no model.column",
    );
  });
});
