import { describe, expect, it } from 'vitest';
import { ManifestBuilder } from '../selector/test-fixtures';
import { columnLineageArtifact } from './lineage-artifact';
import { lineageInputDigest } from './lineage-digest';

function project(sql: string) {
  const { manifest } = new ManifestBuilder('shop').model('orders').build();
  manifest.metadata.adapter_type = 'duckdb';
  manifest.nodes['model.shop.orders']!.compiled_code = sql;
  return manifest;
}

describe('column lineage reuse', () => {
  it('the digest changes with the compiled SQL, the known columns and the dialect', () => {
    const a = project('select 1 as id');
    const base = lineageInputDigest(a, 'duckdb', new Map());
    expect(lineageInputDigest(project('select 1 as id'), 'duckdb', new Map())).toBe(base);
    expect(lineageInputDigest(project('select 2 as id'), 'duckdb', new Map())).not.toBe(base);
    expect(lineageInputDigest(a, 'postgres', new Map())).not.toBe(base);
    expect(lineageInputDigest(a, 'duckdb', new Map([['seed.shop.x', ['a']]]))).not.toBe(base);
  });

  it('reuses an earlier artifact only when it was computed from the same input', async () => {
    const first = await columnLineageArtifact(project('select 1 as id'));
    expect(Object.keys(first.nodes['model.shop.orders']!.columns)).toEqual(['id']);
    const planted = { ...first, nodes: { marker: { columns: {} } } };
    const same = await columnLineageArtifact(
      project('select 1 as id'),
      undefined,
      new Date(),
      planted,
    );
    expect(Object.keys(same.nodes)).toEqual(['marker']);
    const changed = await columnLineageArtifact(
      project('select 1 as total'),
      undefined,
      new Date(),
      planted,
    );
    expect(Object.keys(changed.nodes['model.shop.orders']!.columns)).toEqual(['total']);
  });
});
