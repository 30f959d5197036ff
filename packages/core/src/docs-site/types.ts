/**
 * The data files of the docs site, as the page reads them. Lazy by design: the page loads the
 * small search index and graph file first, and a node's details only when it is opened, from
 * one of a bounded number of shards — so a 10,000-model project never means one huge JSON.
 */
import type { ColumnLineage, ColumnRef } from '../lineage/types';

/** `data/site.json`: what the page needs to find the rest. */
export interface SiteInfo {
  project: string;
  adapter_type: string;
  generated_at: string;
  tsmodel_version: string;
  /** Number of `data/nodes/<n>.json` shards; a node's shard is {@link shardOf} its id. */
  shards: number;
  /** The project's `{% docs __overview__ %}` block (Markdown), shown on the landing page as in dbt-docs. */
  overview?: string;
}

/**
 * A node of `data/graph.json`: the fields the in-page selector's methods read, named as in the
 * manifest so core's selector methods evaluate them unchanged (`fqn`, `tag`, `path`, …).
 */
export interface GraphNode {
  unique_id: string;
  name: string;
  resource_type: string;
  package_name: string;
  fqn: string[];
  tags: string[];
  original_file_path: string;
  patch_path?: string;
  source_name?: string;
  version?: string | number;
  /** Only the keys of {@link GRAPH_CONFIG_KEYS}: the rest of a config stays in the shards. */
  config: Record<string, unknown>;
}

/** `data/graph.json`: nodes by index, edges as `[parent, child, parent, child, …]` indexes. */
export interface SiteGraph {
  nodes: GraphNode[];
  edges: number[];
}

/** Config keys the graph file carries, so `config.<key>:` can be evaluated in the page. */
export const GRAPH_CONFIG_KEYS = [
  'materialized',
  'enabled',
  'schema',
  'database',
  'alias',
  'incremental_strategy',
  'on_schema_change',
  'full_refresh',
] as const;

/** One row of `data/search.json`: `[unique_id, name, resource_type, package, path, description]`. */
export type SearchEntry = [string, string, string, string, string, string];

/** A column as a node page shows it: docs from YAML, type from the catalog, tests, lineage. */
export interface ColumnDetails {
  name: string;
  description: string;
  /** From catalog.json, else the YAML `data_type`. */
  type?: string;
  /** Test names (e.g. `unique`, `not_null`) whose `column_name` is this column. */
  tests: string[];
  lineage?: ColumnLineage;
}

/** A macro argument as its page lists it. */
export interface MacroArgumentDetails {
  name: string;
  type?: string;
  description: string;
}

/** Everything a node page shows, in `data/nodes/<shard>.json` keyed by unique id. */
export interface NodeDetails {
  unique_id: string;
  name: string;
  resource_type: string;
  package_name: string;
  description: string;
  original_file_path: string;
  /** `database.schema.identifier`, for nodes that have a relation. */
  relation?: string;
  config?: Record<string, unknown>;
  tags: string[];
  columns: ColumnDetails[];
  raw_code?: string;
  compiled_code?: string;
  parents: string[];
  children: string[];
  /** Upstream columns used in conditions (WHERE, JOIN, …) anywhere in the model. */
  filters?: ColumnRef[];
  /** Why some columns' lineage is unknown (a `select *` that cannot be listed). */
  unlisted?: string;
  /** Kind-specific facts shown as a key/value table of plain text (a test's model and column, an exposure's owner). */
  facts?: Record<string, string>;
  /** A source table's source-level description (Markdown), shown beside the table's own. */
  source_description?: string;
  /** A macro's documented arguments; their descriptions are Markdown. */
  arguments?: MacroArgumentDetails[];
}

/** Files of the site by path relative to the target directory. */
export type SiteFiles = Map<string, string>;
