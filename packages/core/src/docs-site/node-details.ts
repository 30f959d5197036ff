import type { CatalogArtifact, CatalogTable } from '../catalog/catalog-artifact';
import { UNLISTED_COLUMNS, type NodeLineage } from '../lineage/types';
import type { Manifest, ManifestNode, MacroEntry, PropertiesEntry } from '../manifest/types';
import { descriptionOf, exposureParents, resourceTypeOf, type AnyNode } from './site-nodes';
import type { ColumnDetails, NodeDetails } from './types';

/** What node pages are built from: the manifest, and catalog and lineage when present. */
export interface DetailsInput {
  manifest: Manifest;
  catalog?: Pick<CatalogArtifact, 'nodes' | 'sources'>;
  lineage?: Record<string, NodeLineage>;
}

/** Builds the page data of each node; reuse one instance for every node of a project. */
export class NodeDetailsBuilder {
  private readonly testsByColumn = new Map<string, string[]>();
  private readonly children = new Map<string, string[]>();

  constructor(private readonly input: DetailsInput) {
    const { manifest } = input;
    for (const node of Object.values(manifest.nodes)) {
      if (node.resource_type !== 'test' || !node.column_name) continue;
      const model = node.attached_node ?? node.depends_on.nodes[0];
      if (!model) continue;
      const key = columnKey(model, node.column_name);
      const list = this.testsByColumn.get(key) ?? [];
      list.push(node.test_metadata?.name ?? node.name);
      this.testsByColumn.set(key, list);
    }
    for (const exposure of Object.values(manifest.exposures ?? {})) {
      for (const parent of exposureParents(exposure)) {
        const list = this.children.get(parent) ?? [];
        list.push(exposure.unique_id);
        this.children.set(parent, list);
      }
    }
  }

  details(entry: AnyNode): NodeDetails {
    const base = {
      unique_id: entry.node.unique_id,
      name: entry.node.name,
      resource_type: resourceTypeOf(entry),
      package_name: entry.node.package_name,
      description: descriptionOf(entry),
      original_file_path: entry.node.original_file_path,
    };
    if (entry.kind === 'macro') return { ...base, ...this.macro(entry.node) };
    if (entry.kind === 'exposure') return { ...base, ...this.exposure(entry.node) };
    return { ...base, ...this.node(entry.node) };
  }

  private node(n: ManifestNode): Omit<NodeDetails, keyof BaseKeys> {
    const { manifest } = this.input;
    const lineage = this.input.lineage?.[n.unique_id];
    const out: Omit<NodeDetails, keyof BaseKeys> = {
      tags: [...new Set([...n.tags, ...(n.config?.tags ?? [])])],
      config: n.config as Record<string, unknown>,
      columns: this.columns(n, lineage),
      parents: manifest.parent_map[n.unique_id] ?? n.depends_on.nodes,
      children: [
        ...(manifest.child_map[n.unique_id] ?? []),
        ...(this.children.get(n.unique_id) ?? []),
      ],
    };
    if (n.relation)
      out.relation = [n.relation.database, n.relation.schema, n.relation.identifier]
        .filter((p) => p !== undefined && p !== '')
        .join('.');
    if (n.raw_code !== undefined && n.raw_code !== '') out.raw_code = n.raw_code;
    if (n.compiled_code !== undefined) out.compiled_code = n.compiled_code;
    if (lineage?.filters) out.filters = lineage.filters;
    const unlisted = lineage?.columns[UNLISTED_COLUMNS]?.unresolved;
    if (unlisted) out.unlisted = unlisted;
    if (n.resource_type === 'source' && n.source_description)
      out.source_description = n.source_description;
    const facts = nodeFacts(n);
    if (facts) out.facts = facts;
    return out;
  }

  /** Catalog columns first (in table order), then documented ones, then any the lineage knows. */
  private columns(n: ManifestNode, lineage: NodeLineage | undefined): ColumnDetails[] {
    const table: CatalogTable | undefined =
      this.input.catalog?.nodes[n.unique_id] ?? this.input.catalog?.sources[n.unique_id];
    const byName = new Map<string, ColumnDetails>();
    const add = (name: string): ColumnDetails => {
      const key = name.toLowerCase();
      let column = byName.get(key);
      if (!column) {
        column = {
          name,
          description: '',
          tests: this.testsByColumn.get(columnKey(n.unique_id, name)) ?? [],
        };
        byName.set(key, column);
      }
      return column;
    };
    const catalogColumns = Object.values(table?.columns ?? {}).sort((a, b) => a.index - b.index);
    for (const c of catalogColumns) add(c.name).type = c.type;
    for (const [name, info] of Object.entries(n.columns ?? {})) {
      const column = add(info.name ?? name);
      column.description = info.description ?? '';
      if (column.type === undefined && info.data_type) column.type = info.data_type;
    }
    for (const [name, entry] of Object.entries(lineage?.columns ?? {})) {
      if (name === UNLISTED_COLUMNS) continue;
      add(name).lineage = entry;
    }
    return [...byName.values()];
  }

  private macro(m: MacroEntry): Omit<NodeDetails, keyof BaseKeys> {
    const args = (m.arguments ?? []).map(({ name, type, description }) => ({
      name,
      ...(type ? { type } : {}),
      description: description ?? '',
    }));
    return {
      tags: [],
      columns: [],
      parents: [],
      children: [],
      ...(args.length > 0 ? { arguments: args } : {}),
    };
  }

  private exposure(e: PropertiesEntry): Omit<NodeDetails, keyof BaseKeys> {
    const facts: Record<string, string> = {};
    for (const key of ['type', 'maturity', 'url', 'label'])
      if (typeof e[key] === 'string') facts[key] = e[key] as string;
    const owner = e.owner as { name?: string; email?: string } | undefined;
    if (owner) facts.owner = [owner.name, owner.email].filter(Boolean).join(' ');
    return {
      tags: Array.isArray(e.tags) ? (e.tags as string[]) : [],
      columns: [],
      parents: exposureParents(e),
      children: [],
      facts,
    };
  }
}

type BaseKeys = Pick<
  NodeDetails,
  'unique_id' | 'name' | 'resource_type' | 'package_name' | 'description' | 'original_file_path'
>;

function columnKey(node: string, column: string): string {
  return `${node}\u0000${column.toLowerCase()}`;
}

/** A test's model, column and test; a source's loaded-at field. */
function nodeFacts(n: ManifestNode): Record<string, string> | undefined {
  const facts: Record<string, string> = {};
  if (n.resource_type === 'test') {
    if (n.test_metadata) facts.test = n.test_metadata.name;
    const model = n.attached_node ?? n.depends_on.nodes[0];
    if (model) facts.model = model;
    if (n.column_name) facts.column = n.column_name;
  }
  if (n.resource_type === 'source') {
    if (n.loaded_at_field) facts['loaded at field'] = n.loaded_at_field;
  }
  return Object.keys(facts).length > 0 ? facts : undefined;
}
