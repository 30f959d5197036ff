/**
 * A column's upstream tree on its node's page: the shards of every node on the way are loaded,
 * then core's `upstreamTree` (the one `tsmodel lineage` prints) builds the tree.
 */
import { upstreamTree, type LineageTreeNode } from '../../lineage/lineage-tree';
import { UNLISTED_COLUMNS, type ColumnRef, type NodeLineage } from '../../lineage/types';
import type { NodeDetails } from '../types';
import type { DocsData } from './data-source';
import { h, nodeHref } from './dom';

/** The lineage of a node as its page data holds it, in column_lineage.json's shape. */
export function nodeLineage(details: NodeDetails): NodeLineage | undefined {
  const columns: NodeLineage['columns'] = {};
  for (const c of details.columns) if (c.lineage) columns[c.name] = c.lineage;
  if (details.unlisted)
    columns[UNLISTED_COLUMNS] = { upstream: [], how: 'passthrough', unresolved: details.unlisted };
  return Object.keys(columns).length > 0 ? { columns } : undefined;
}

/** Loads every node the column's lineage passes through and returns its upstream tree. */
export async function loadUpstreamTree(data: DocsData, root: ColumnRef): Promise<LineageTreeNode> {
  const lineage: Record<string, NodeLineage> = {};
  const visited = new Set<string>();
  let frontier = [root];
  while (frontier.length > 0) {
    const next: ColumnRef[] = [];
    const nodes = [...new Set(frontier.map((r) => r.node))].filter(
      (id) => !(id in lineage) && !visited.has(id),
    );
    const loaded = await Promise.all(nodes.map((id) => data.details(id)));
    nodes.forEach((id, i) => {
      visited.add(id);
      const l = loaded[i] && nodeLineage(loaded[i]!);
      if (l) lineage[id] = l;
    });
    for (const ref of frontier) {
      const key = `${ref.node}\u0000${ref.column.toLowerCase()}`;
      if (visited.has(key)) continue;
      visited.add(key);
      const entry = Object.entries(lineage[ref.node]?.columns ?? {}).find(
        ([c]) => c.toLowerCase() === ref.column.toLowerCase(),
      );
      for (const up of entry?.[1].upstream ?? []) next.push(up);
    }
    frontier = next;
  }
  return upstreamTree(lineage, root);
}

/** The tree as nested lists; `label` names a node id (model name, `source.table`). */
export function renderTree(tree: LineageTreeNode, label: (id: string) => string): HTMLElement {
  const item = (t: LineageTreeNode): HTMLElement => {
    const how = t.how ? h('span', { class: `how how-${t.how}` }, t.how) : undefined;
    const li = h(
      'li',
      { 'data-node': t.node, 'data-column': t.column },
      h('a', { href: nodeHref(t.node, t.column) }, `${label(t.node)}.${t.column}`),
      how ? ' ' : '',
      how,
      t.unresolved
        ? h('span', { class: 'unresolved', title: t.unresolved }, ` unresolved: ${t.unresolved}`)
        : undefined,
      t.repeated ? h('span', { class: 'muted' }, ' (shown above)') : undefined,
    );
    if (t.upstream.length > 0) li.append(h('ul', {}, ...t.upstream.map(item)));
    return li;
  };
  return h('ul', { class: 'lineage-tree' }, item(tree));
}
