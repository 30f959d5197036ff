import { TsmodelError } from '../diagnostics';
import { didYouMean } from '../did-you-mean';
import type { Manifest, ManifestNode } from '../manifest/types';
import {
  UNLISTED_COLUMNS,
  type ColumnLineage,
  type ColumnRef,
  type LineageHow,
  type NodeLineage,
} from './types';

/**
 * One column in the upstream tree of `tsmodel lineage`: how it is computed from its upstream
 * columns (absent for a seed's or source's column, where lineage ends), and those columns.
 */
export interface LineageTreeNode extends ColumnRef {
  how?: LineageHow;
  unresolved?: string;
  upstream: LineageTreeNode[];
  /** Shown earlier in the tree: its upstream is not repeated. */
  repeated?: true;
  /** Has upstream columns beyond `--depth`. */
  truncated?: true;
}

/** Node types a `model.column` argument can name. */
const NAMED_TYPES = new Set(['model', 'seed', 'snapshot', 'source']);

/** How the tree names a node: the model or seed name, or `source_name.table`. */
export function lineageNodeLabel(node: ManifestNode | undefined, id: string): string {
  if (!node) return id;
  return node.resource_type === 'source' ? `${node.source_name}.${node.name}` : node.name;
}

/**
 * The column `spec` names (`model.column`, `package.model.column`, `source.table.column`), or
 * a user error naming what exists nearby.
 */
export function findLineageColumn(
  manifest: Manifest,
  lineage: Record<string, NodeLineage>,
  spec: string,
): ColumnRef {
  const dot = spec.lastIndexOf('.');
  if (dot <= 0 || dot === spec.length - 1) {
    throw new TsmodelError({
      code: 'lineage-argument',
      message: `'${spec}' is no model.column`,
      hint: 'name a column of a model, e.g. `tsmodel lineage sessions.session_id`',
    });
  }
  const nodeName = spec.slice(0, dot);
  const column = spec.slice(dot + 1);
  const candidates = [...Object.values(manifest.nodes), ...Object.values(manifest.sources)].filter(
    (n) => NAMED_TYPES.has(n.resource_type),
  );
  const labels = (n: ManifestNode) => [
    lineageNodeLabel(n, n.unique_id),
    `${n.package_name}.${lineageNodeLabel(n, n.unique_id)}`,
  ];
  const matches = candidates.filter((n) =>
    labels(n).some((l) => l.toLowerCase() === nodeName.toLowerCase()),
  );
  if (matches.length === 0) {
    const hint = didYouMean(
      nodeName,
      candidates.map((n) => lineageNodeLabel(n, n.unique_id)),
    );
    throw new TsmodelError({
      code: 'lineage-unknown-model',
      message: `no model, seed, snapshot or source named '${nodeName}'${hint ? `: ${hint}` : ''}`,
      hint: '`tsmodel ls --resource-type model` lists the models',
    });
  }
  if (matches.length > 1) {
    throw new TsmodelError({
      code: 'lineage-ambiguous-model',
      message: `'${nodeName}' names ${matches.length} nodes: ${matches.map((n) => n.unique_id).join(', ')}`,
      hint: `qualify it with its package, e.g. ${matches[0]!.package_name}.${lineageNodeLabel(matches[0], matches[0]!.unique_id)}.${column}`,
    });
  }
  const node = matches[0]!;
  const columns = Object.keys(lineage[node.unique_id]?.columns ?? {}).filter(
    (c) => c !== UNLISTED_COLUMNS,
  );
  const found = columns.find((c) => c.toLowerCase() === column.toLowerCase());
  if (found !== undefined) return { node: node.unique_id, column: found };
  const label = lineageNodeLabel(node, node.unique_id);
  if (!lineage[node.unique_id]) {
    throw new TsmodelError({
      code: 'lineage-no-upstream',
      message: `${label} is a ${node.resource_type}: its columns have no upstream in the project`,
      hint: 'name a column of a model that reads it',
    });
  }
  const unlisted = lineage[node.unique_id]!.columns[UNLISTED_COLUMNS]?.unresolved;
  const hint = didYouMean(column, columns);
  throw new TsmodelError({
    code: 'lineage-unknown-column',
    message: `${label} has no column '${column}'${hint ? `: ${hint}` : ''}${unlisted ? ` (not every column is known: ${unlisted})` : ''}`,
    hint:
      columns.length > 0 ? `its columns: ${columns.join(', ')}` : 'its columns could not be listed',
  });
}

/** The upstream tree of `root`, `depth` hops deep at most (unlimited when absent). */
export function upstreamTree(
  lineage: Record<string, NodeLineage>,
  root: ColumnRef,
  depth?: number,
): LineageTreeNode {
  const shown = new Set<string>();
  const grow = (ref: ColumnRef, level: number): LineageTreeNode => {
    const tree: LineageTreeNode = { node: ref.node, column: ref.column, upstream: [] };
    const entry = columnEntry(lineage[ref.node], ref.column);
    if (!entry) return tree;
    tree.how = entry.how;
    if (entry.unresolved !== undefined) tree.unresolved = entry.unresolved;
    const key = `${ref.node}\u0000${ref.column.toLowerCase()}`;
    if (entry.upstream.length === 0) return tree;
    if (shown.has(key)) return { ...tree, repeated: true };
    shown.add(key);
    if (depth !== undefined && level >= depth) return { ...tree, truncated: true };
    tree.upstream = entry.upstream.map((up) => grow(up, level + 1));
    return tree;
  };
  return grow(root, 0);
}

/**
 * A column's lineage entry, case-insensitively; a column only a `select *` brought in (not
 * listed) gets the star's entry, which says why it is not traced.
 */
function columnEntry(lineage: NodeLineage | undefined, column: string): ColumnLineage | undefined {
  if (!lineage) return undefined;
  const name = Object.keys(lineage.columns).find((c) => c.toLowerCase() === column.toLowerCase());
  if (name !== undefined) return lineage.columns[name];
  const star = lineage.columns[UNLISTED_COLUMNS];
  return star ? { upstream: [], how: star.how, unresolved: star.unresolved! } : undefined;
}

/**
 * The tree as text, one column a line: `sessions.session_id`, then each upstream column
 * indented under it behind the edge's `how` — `└─ ← (rename) page_views.id`.
 */
export function renderLineageTree(tree: LineageTreeNode, manifest: Manifest): string[] {
  const name = (ref: ColumnRef) => {
    const node = manifest.nodes[ref.node] ?? manifest.sources[ref.node];
    const kind = node && node.resource_type !== 'model' ? ` (${node.resource_type})` : '';
    return `${lineageNodeLabel(node, ref.node)}.${ref.column}${kind}`;
  };
  const notes = (t: LineageTreeNode) =>
    [
      t.unresolved !== undefined ? `  [unresolved: ${t.unresolved}]` : '',
      t.repeated ? '  [upstream shown above]' : '',
      t.truncated ? '  [deeper than --depth]' : '',
    ].join('');
  const lines = [`${name(tree)}${notes(tree)}`];
  const walk = (t: LineageTreeNode, indent: string) => {
    t.upstream.forEach((up, i) => {
      const last = i === t.upstream.length - 1;
      lines.push(`${indent}${last ? '└─' : '├─'} ← (${t.how}) ${name(up)}${notes(up)}`);
      walk(up, `${indent}${last ? '   ' : '│  '}`);
    });
  };
  walk(tree, '');
  return lines;
}
