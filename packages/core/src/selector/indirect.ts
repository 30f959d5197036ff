/**
 * Indirect test selection: which data and unit tests join because the nodes they test were
 * selected (a unit test's one parent is its model). Done
 * per atom (and again when atoms are combined) exactly like dbt, so `--exclude orders` also
 * drops the tests on `orders`, and a `relationships` test between two models joins an
 * intersection only when both of its parents survive it (in cautious/buildable modes).
 */
import type { Graph } from '../graph/graph';
import type { Manifest } from '../manifest/types';
import type { IndirectSelection } from './types';

/** Tests that were considered but whose parents were not (yet) all selected stay `indirect`. */
export interface SelectionBundle {
  direct: Set<string>;
  indirect: Set<string>;
}

/** Adds the tests directly below `selected` according to `mode`. */
export function expandSelection(
  manifest: Manifest,
  graph: Graph,
  selected: ReadonlySet<string>,
  mode: IndirectSelection,
): SelectionBundle {
  const direct = new Set(selected);
  const indirect = new Set<string>();
  if (mode === 'empty') return { direct, indirect };
  const buildable =
    mode === 'buildable'
      ? new Set([...selected, ...graph.ancestors(selected), ...Object.keys(manifest.sources)])
      : undefined;
  for (const id of childrenOf(graph, selected)) {
    const parents = testParents(manifest, id);
    if (!parents) continue;
    if (mode === 'eager' || allIn(parents, selected) || (buildable && allIn(parents, buildable)))
      direct.add(id);
    else indirect.add(id);
  }
  return { direct, indirect };
}

/** After combining atoms: promote indirect tests whose parents are now all selected. */
export function incorporateIndirect(
  manifest: Manifest,
  graph: Graph,
  direct: ReadonlySet<string>,
  indirect: ReadonlySet<string>,
  mode: IndirectSelection,
): Set<string> {
  const selected = new Set(direct);
  if (mode !== 'cautious' && mode !== 'buildable') return selected;
  const allowed = mode === 'buildable' ? new Set([...direct, ...graph.ancestors(direct)]) : direct;
  for (const id of indirect) {
    const parents = testParents(manifest, id);
    if (parents && allIn(parents, allowed)) selected.add(id);
  }
  return selected;
}

/** The nodes a data or unit test tests, or `undefined` when `id` is not a test. */
function testParents(manifest: Manifest, id: string): string[] | undefined {
  const node = manifest.nodes[id];
  if (node?.resource_type === 'test') return node.depends_on.nodes;
  return manifest.unit_tests?.[id]?.depends_on.nodes;
}

function childrenOf(graph: Graph, ids: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const id of ids) for (const child of graph.children(id)) out.add(child);
  return out;
}

function allIn(ids: readonly string[], set: ReadonlySet<string>): boolean {
  return ids.every((id) => set.has(id));
}
