import { TSMODEL_VERSION } from '../compile/version';
import type { Manifest } from '../manifest/types';
import { NodeDetailsBuilder, type DetailsInput } from './node-details';
import { buildSearchIndex } from './search-index';
import { shardCount, shardOf } from './shards';
import { buildSiteGraph } from './site-graph';
import { siteNodes } from './site-nodes';
import type { NodeDetails, SearchEntry, SiteGraph, SiteInfo } from './types';

/** Everything the site shows, before it is written as files or inlined into one page. */
export interface SiteData {
  site: SiteInfo;
  search: SearchEntry[];
  graph: SiteGraph;
  /** `shards[n]`: the details of every node whose {@link shardOf} is n, by unique id. */
  shards: Array<Record<string, NodeDetails>>;
}

/**
 * Builds the site's data from the manifest, plus catalog types and column lineage when given.
 * The Markdown parser is loaded here, not with core: every other command starts without it.
 */
export async function buildSiteData(
  input: DetailsInput,
  generatedAt: Date = new Date(),
): Promise<SiteData> {
  const { descriptionText } = await import('./markdown');
  const { manifest } = input;
  const nodes = siteNodes(manifest);
  const count = shardCount(nodes.length);
  const shards: Array<Record<string, NodeDetails>> = Array.from({ length: count }, () => ({}));
  const builder = new NodeDetailsBuilder(input);
  for (const entry of nodes)
    shards[shardOf(entry.node.unique_id, count)]![entry.node.unique_id] = builder.details(entry);
  return {
    site: {
      project: manifest.metadata.project_name,
      adapter_type: manifest.metadata.adapter_type,
      generated_at: generatedAt.toISOString(),
      tsmodel_version: TSMODEL_VERSION,
      shards: count,
      ...overviewOf(manifest),
    },
    search: buildSearchIndex(manifest, descriptionText),
    graph: buildSiteGraph(manifest),
    shards,
  };
}

/** The root project's `{% docs __overview__ %}`, when it writes one. */
function overviewOf(manifest: Manifest): Pick<SiteInfo, 'overview'> {
  const doc = manifest.docs?.[`doc.${manifest.metadata.project_name}.__overview__`];
  return doc && doc.block_contents.trim() !== '' ? { overview: doc.block_contents } : {};
}
