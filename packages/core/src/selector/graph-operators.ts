/**
 * The `+` and `@` operators: which neighbours of an atom's matches join the selection.
 */
import type { Graph } from '../graph/graph';
import type { SelectionCriteria } from './types';

type Operators = Pick<
  SelectionCriteria,
  'childrensParents' | 'parents' | 'parentsDepth' | 'children' | 'childrenDepth'
>;

/**
 * The neighbours the operators of `criteria` add to `matched` (not including `matched`
 * itself): `N+m` ancestors up to N steps, `m+N` descendants up to N steps (no N = all), and
 * `@m` = every ancestor of m ∪ descendants(m), so that CI builds find the parents of children.
 */
export function collectNeighbors(
  graph: Graph,
  criteria: Operators,
  matched: ReadonlySet<string>,
): Set<string> {
  const added = new Set<string>();
  if (criteria.childrensParents) {
    const down = new Set([...matched, ...graph.descendants(matched)]);
    for (const id of down) added.add(id);
    for (const id of graph.ancestors(down)) added.add(id);
  }
  if (criteria.parents)
    for (const id of graph.ancestors(matched, criteria.parentsDepth)) added.add(id);
  if (criteria.children)
    for (const id of graph.descendants(matched, criteria.childrenDepth)) added.add(id);
  return added;
}
