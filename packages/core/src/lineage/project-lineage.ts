import { EPHEMERAL_CTE_PREFIX } from '../compile/sql-finalizer';
import type { Manifest, ManifestNode } from '../manifest/types';
import { toColumnLineage, uniqueRefs } from './derivation';
import { QUERY_KINDS } from './expression-lineage';
import { QueryLineage, type RelationResolver } from './query-lineage';
import { RelationIndex } from './relation-index';
import { nodeShape, type Shape } from './shape';
import { kindOf, type Identifier, type SqlParser } from './sql-ast';
import { UNLISTED_COLUMNS, type ColumnRef, type NodeLineage } from './types';

export interface ProjectLineageInput {
  manifest: Manifest;
  parser: SqlParser;
  /**
   * Columns known for nodes, by unique id — from catalog.json and seed headers: what a
   * `select *` over a seed, a source, or a model whose own lineage cannot list its columns
   * expands to. Nodes absent here have only the columns their SQL names.
   */
  knownColumns?: ReadonlyMap<string, readonly string[]>;
}

/** Resource types whose compiled SQL is a query whose columns have lineage. */
const LINEAGE_TYPES = new Set(['model', 'snapshot']);

/**
 * The column lineage of every model and snapshot of a compiled manifest, statically from its
 * compiled SQL: nodes are walked parents first, so a model's `select *` over another model
 * expands to that model's computed columns.
 */
export function computeProjectLineage(input: ProjectLineageInput): Record<string, NodeLineage> {
  return new ProjectLineageWalk(input).run();
}

class ProjectLineageWalk {
  private readonly results = new Map<string, NodeLineage>();
  private readonly shapes = new Map<string, Shape>();
  private readonly index: RelationIndex;
  private readonly nodes: Map<string, ManifestNode>;

  constructor(private readonly input: ProjectLineageInput) {
    const { manifest } = input;
    this.nodes = new Map([...Object.entries(manifest.nodes), ...Object.entries(manifest.sources)]);
    this.index = new RelationIndex(this.nodes.values());
  }

  run(): Record<string, NodeLineage> {
    for (const node of parentsFirst(this.input.manifest))
      this.results.set(node.unique_id, this.lineageOf(node));
    for (const [id, lineage] of this.results) {
      for (const column of this.input.knownColumns?.get(id) ?? [])
        this.demand({ node: id, column });
      for (const c of Object.values(lineage.columns)) c.upstream.forEach((ref) => this.demand(ref));
      lineage.filters?.forEach((ref) => this.demand(ref));
    }
    return Object.fromEntries(this.results);
  }

  private lineageOf(node: ManifestNode): NodeLineage {
    const parsed = this.input.parser.parse(node.compiled_code ?? '');
    const query =
      'statements' in parsed
        ? parsed.statements.find((s) => QUERY_KINDS.has(kindOf(s) ?? ''))
        : undefined;
    if (!query) {
      const reason =
        'error' in parsed
          ? `the compiled SQL did not parse as ${this.input.parser.dialect}: ${parsed.error}`
          : 'the compiled SQL holds no query';
      return {
        columns: {
          [UNLISTED_COLUMNS]: { upstream: [], how: 'transformation', unresolved: reason },
        },
      };
    }
    const walk = new QueryLineage(this.resolverFor(node));
    const shape = walk.query(query);
    this.shapes.set(node.unique_id, shape);
    const lineage: NodeLineage = { columns: {} };
    const seen = new Set<string>();
    for (const column of shape.columns) {
      if (seen.has(column.name.toLowerCase())) continue;
      seen.add(column.name.toLowerCase());
      lineage.columns[column.name] = toColumnLineage(column.name, column.traced);
    }
    if (shape.unlisted) {
      lineage.columns[UNLISTED_COLUMNS] = {
        upstream: shape.unlisted.nodes.map((id) => ({ node: id, column: UNLISTED_COLUMNS })),
        how: 'passthrough',
        unresolved: shape.unlisted.reason,
      };
    }
    const filters = uniqueRefs(walk.filters);
    if (filters.length > 0) lineage.filters = filters;
    return lineage;
  }

  private resolverFor(node: ManifestNode): RelationResolver {
    return {
      table: (parts: readonly Identifier[]) => {
        const id = this.index.find(parts);
        if (id === undefined || id === node.unique_id) return undefined;
        return nodeShape(id, this.columnsOf(id), parts.map((p) => `"${p.name}"`).join('.'));
      },
      ephemeral: (name: string) => {
        const id = this.ephemeralNode(name, node);
        return id === undefined
          ? undefined
          : nodeShape(id, this.columnsOf(id), `ephemeral model ${this.nodes.get(id)!.name}`);
      },
    };
  }

  /** The model CTE `__dbt__cte__<name>` inlines, among the node's ancestors. */
  private ephemeralNode(cte: string, node: ManifestNode): string | undefined {
    if (!cte.toLowerCase().startsWith(EPHEMERAL_CTE_PREFIX)) return undefined;
    const name = cte.slice(EPHEMERAL_CTE_PREFIX.length).toLowerCase();
    const ancestors = new Set<string>();
    const stack = [...node.depends_on.nodes];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (ancestors.has(id)) continue;
      ancestors.add(id);
      stack.push(...(this.nodes.get(id)?.depends_on.nodes ?? []));
    }
    const matches = [...ancestors].filter((id) => {
      const n = this.nodes.get(id);
      return n?.config.materialized === 'ephemeral' && n.name.toLowerCase() === name;
    });
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** A node's columns: its computed lineage when that lists them all, else what is known. */
  private columnsOf(id: string): readonly string[] | undefined {
    const shape = this.shapes.get(id);
    if (shape && !shape.unlisted) return Object.keys(this.results.get(id)!.columns);
    return this.input.knownColumns?.get(id);
  }

  /**
   * A downstream query read `ref.column` of a model whose `select *` could not be listed: the
   * column exists, so it is traced through the star and added, and so on up.
   */
  private demand(ref: ColumnRef): void {
    const lineage = this.results.get(ref.node);
    const unlisted = this.shapes.get(ref.node)?.unlisted;
    if (!lineage || !unlisted || ref.column === UNLISTED_COLUMNS) return;
    const wanted = ref.column.toLowerCase();
    if (Object.keys(lineage.columns).some((c) => c.toLowerCase() === wanted)) return;
    const column = toColumnLineage(ref.column, unlisted.lookup(ref.column));
    lineage.columns[ref.column] = column;
    column.upstream.forEach((up) => this.demand(up));
  }
}

/** Models and snapshots with compiled SQL, each after the nodes it depends on. */
function parentsFirst(manifest: Manifest): ManifestNode[] {
  const order: ManifestNode[] = [];
  const done = new Set<string>();
  const visit = (id: string): void => {
    if (done.has(id)) return;
    done.add(id);
    const node = manifest.nodes[id];
    if (!node) return;
    node.depends_on.nodes.forEach(visit);
    if (LINEAGE_TYPES.has(node.resource_type) && typeof node.compiled_code === 'string')
      order.push(node);
  };
  Object.keys(manifest.nodes).sort().forEach(visit);
  return order;
}
