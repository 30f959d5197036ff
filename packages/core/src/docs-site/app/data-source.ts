/**
 * Where the app's data comes from: fetched lazily from the served site (the search index and
 * graph once, a node's shard when its page opens), or read from the script element the
 * self-contained `--static` page inlines it in (file:// fetches nothing).
 */
import { EMBEDDED_DATA_ID, SITE_PATHS } from '../site-files';
import type { SiteData } from '../site-data';
import { shardOf, shardPath } from '../shards';
import type { NodeDetails, SearchEntry, SiteGraph, SiteInfo } from '../types';

export interface DocsData {
  info: SiteInfo;
  search(): Promise<SearchEntry[]>;
  graph(): Promise<SiteGraph>;
  /** A node's page data; undefined when the site has no such node. */
  details(uniqueId: string): Promise<NodeDetails | undefined>;
}

export async function openDocsData(): Promise<DocsData> {
  const embedded = document.getElementById(EMBEDDED_DATA_ID);
  if (embedded) {
    const data = JSON.parse(embedded.textContent ?? '') as SiteData;
    return {
      info: data.site,
      search: async () => data.search,
      graph: async () => data.graph,
      details: async (id) => data.shards[shardOf(id, data.site.shards)]?.[id],
    };
  }
  const info = await fetchJson<SiteInfo>(SITE_PATHS.info);
  const once = <T>(file: string) => {
    let promise: Promise<T> | undefined;
    return () => (promise ??= fetchJson<T>(file));
  };
  const shards = new Map<number, Promise<Record<string, NodeDetails>>>();
  return {
    info,
    search: once<SearchEntry[]>(SITE_PATHS.search),
    graph: once<SiteGraph>(SITE_PATHS.graph),
    details: async (id) => {
      const n = shardOf(id, info.shards);
      let shard = shards.get(n);
      if (!shard) shards.set(n, (shard = fetchJson(shardPath(n))));
      return (await shard)[id];
    },
  };
}

async function fetchJson<T>(file: string): Promise<T> {
  const response = await fetch(file);
  if (!response.ok)
    throw new Error(
      `cannot load ${file}: HTTP ${response.status} (run \`tsmodel docs generate\` again)`,
    );
  return (await response.json()) as T;
}
