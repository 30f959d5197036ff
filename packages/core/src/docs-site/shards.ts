/**
 * Which details shard holds a node. The site writer and the page both call this, so the
 * function is the whole contract: FNV-1a over the unique id, modulo the shard count.
 */
export function shardOf(uniqueId: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < uniqueId.length; i++) {
    hash ^= uniqueId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

/** About 100 nodes a shard, at most 128 shards: few requests for small projects, small files for big ones. */
export function shardCount(nodes: number): number {
  return Math.min(128, Math.max(1, Math.ceil(nodes / 100)));
}

/** Path of a shard relative to the target directory. */
export function shardPath(shard: number): string {
  return `docs-site/data/nodes/${shard}.json`;
}
