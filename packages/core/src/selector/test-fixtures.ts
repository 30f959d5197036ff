/**
 * Builds small manifests and their graphs by hand for selector tests: models in folders,
 * seeds, snapshots, sources, generic and singular tests with parents, packages and macros.
 */
import { Graph } from '../graph/graph';
import type {
  Manifest,
  ManifestNode,
  NodeConfig,
  RelationName,
  ResourceType,
} from '../manifest/types';

export interface FixtureNodeOptions {
  /** Package the node belongs to; the builder's root project when absent. */
  package?: string;
  /** Folder under the resource path, e.g. `staging` or `staging/orders`. */
  folder?: string;
  /** Names of models, seeds or snapshots this node refs. */
  refs?: string[];
  /** `source_name.table` of sources this node reads. */
  sources?: string[];
  tags?: string[];
  config?: Partial<NodeConfig>;
  checksum?: string;
  description?: string;
  /** Column name → description. */
  columns?: Record<string, string>;
  patchPath?: string;
  /** Unique ids of macros the node calls. */
  macros?: string[];
  relation?: RelationName;
}

interface Pending {
  node: ManifestNode;
  refs: string[];
  sources: string[];
}

export class ManifestBuilder {
  private readonly pending: Pending[] = [];
  private readonly macros: Manifest['macros'] = {};

  constructor(readonly project = 'my_project') {}

  model(name: string, options: FixtureNodeOptions = {}): this {
    return this.add('model', name, 'models', 'sql', options);
  }

  seed(name: string, options: FixtureNodeOptions = {}): this {
    return this.add('seed', name, 'seeds', 'csv', {
      ...options,
      config: { materialized: 'seed', ...options.config },
    });
  }

  snapshot(name: string, options: FixtureNodeOptions = {}): this {
    return this.add('snapshot', name, 'snapshots', 'sql', {
      ...options,
      config: { materialized: 'snapshot', ...options.config },
    });
  }

  /** A source table declared in `models/<folder>/sources.yml`. */
  source(sourceName: string, table: string, options: FixtureNodeOptions = {}): this {
    const pkg = options.package ?? this.project;
    const folder = splitFolder(options.folder);
    const node = this.baseNode(
      `source.${pkg}.${sourceName}.${table}`,
      'source',
      table,
      pkg,
      options,
    );
    node.original_file_path = ['models', ...folder, 'sources.yml'].join('/');
    node.path = [...folder, 'sources.yml'].join('/');
    node.fqn = [pkg, ...folder, sourceName, table];
    node.source_name = sourceName;
    this.pending.push({ node, refs: [], sources: [] });
    return this;
  }

  /** A generic test (`test_metadata.name = testName`) on the given parents. */
  genericTest(
    testName: string,
    on: { refs?: string[]; sources?: string[]; column?: string },
    options: FixtureNodeOptions = {},
  ): this {
    const parts = [...(on.refs ?? []), ...(on.sources ?? []).map((s) => s.replace('.', '_'))];
    const name = [testName, ...parts, ...(on.column ? [on.column] : [])].join('_');
    this.add('test', name, 'models', 'yml', {
      ...options,
      refs: on.refs,
      sources: on.sources,
      config: { materialized: 'test', severity: 'ERROR', ...options.config },
    });
    const node = this.pending[this.pending.length - 1]!.node;
    node.original_file_path = ['models', ...splitFolder(options.folder), 'schema.yml'].join('/');
    node.test_metadata = { name: testName, kwargs: on.column ? { column_name: on.column } : {} };
    node.column_name = on.column;
    return this;
  }

  /** A SQL test file under `tests/`. */
  singularTest(name: string, options: FixtureNodeOptions = {}): this {
    this.add('test', name, 'tests', 'sql', {
      ...options,
      config: { materialized: 'test', severity: 'ERROR', ...options.config },
    });
    return this;
  }

  macro(name: string, checksum: string, pkg = this.project): this {
    const id = `macro.${pkg}.${name}`;
    this.macros[id] = {
      unique_id: id,
      name,
      package_name: pkg,
      original_file_path: `macros/${name}.sql`,
      checksum,
    };
    return this;
  }

  build(): { manifest: Manifest; graph: Graph } {
    const byName = new Map<string, string>();
    for (const { node } of this.pending) {
      if (node.resource_type !== 'source' && node.resource_type !== 'test')
        byName.set(node.name, node.unique_id);
    }
    const sourceIds = new Map<string, string>();
    for (const { node } of this.pending) {
      if (node.resource_type === 'source')
        sourceIds.set(`${node.source_name}.${node.name}`, node.unique_id);
    }
    const manifest: Manifest = {
      metadata: {
        dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
        tsmodel_version: 'test',
        generated_at: '2024-01-01T00:00:00Z',
        invocation_id: 'test',
        project_name: this.project,
        adapter_type: 'duckdb',
      },
      nodes: {},
      sources: {},
      macros: structuredClone(this.macros),
      child_map: {},
      parent_map: {},
    };
    const graph = new Graph();
    for (const { node, refs, sources } of this.pending) {
      const parents = [
        ...refs.map((r) => resolve(byName, r, 'ref')),
        ...sources.map((s) => resolve(sourceIds, s, 'source')),
      ];
      const copy = structuredClone(node);
      copy.depends_on.nodes = parents;
      (copy.resource_type === 'source' ? manifest.sources : manifest.nodes)[copy.unique_id] = copy;
      graph.addNode(copy.unique_id);
      for (const p of parents) graph.addEdge(p, copy.unique_id);
      manifest.parent_map[copy.unique_id] = parents;
    }
    for (const [child, parents] of Object.entries(manifest.parent_map)) {
      manifest.child_map[child] ??= [];
      for (const p of parents) (manifest.child_map[p] ??= []).push(child);
    }
    return { manifest, graph };
  }

  private add(
    type: ResourceType,
    name: string,
    root: string,
    ext: string,
    options: FixtureNodeOptions,
  ): this {
    const pkg = options.package ?? this.project;
    const folder = splitFolder(options.folder);
    const node = this.baseNode(`${type}.${pkg}.${name}`, type, name, pkg, options);
    node.original_file_path = [root, ...folder, `${name}.${ext}`].join('/');
    node.path = [...folder, `${name}.${ext}`].join('/');
    node.fqn = [pkg, ...folder, name];
    this.pending.push({ node, refs: options.refs ?? [], sources: options.sources ?? [] });
    return this;
  }

  private baseNode(
    id: string,
    type: ResourceType,
    name: string,
    pkg: string,
    o: FixtureNodeOptions,
  ): ManifestNode {
    const tags = o.tags ?? [];
    return {
      unique_id: id,
      resource_type: type,
      name,
      package_name: pkg,
      path: '',
      original_file_path: '',
      fqn: [],
      config: {
        enabled: true,
        materialized: 'view',
        tags,
        pre_hook: [],
        post_hook: [],
        meta: {},
        ...o.config,
      },
      tags,
      description: o.description ?? '',
      columns: Object.fromEntries(
        Object.entries(o.columns ?? {}).map(([c, description]) => [
          c,
          { name: c, description, meta: {}, tags: [] },
        ]),
      ),
      depends_on: { nodes: [], macros: o.macros ?? [] },
      relation: o.relation ?? (type === 'test' ? undefined : { schema: 'main', identifier: name }),
      checksum: o.checksum ?? `sha-${name}`,
      patch_path: o.patchPath,
    };
  }
}

function splitFolder(folder: string | undefined): string[] {
  return folder ? folder.split('/').filter(Boolean) : [];
}

function resolve(ids: Map<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`fixture: unknown ${what} '${key}'`);
  return id;
}
