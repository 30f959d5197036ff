import type { Manifest } from '../manifest/types';

/**
 * What `build` leaves out until snapshots run: the selected snapshots, and the tests of those
 * snapshots (they would check a table this build did not refresh). Both are named in a
 * warning, so a build never looks as if it had taken a snapshot.
 */
export function withoutSnapshots(
  selected: ReadonlySet<string>,
  manifest: Manifest,
): { runnable: Set<string>; snapshots: string[]; snapshotTests: string[] } {
  const snapshots = [...selected].filter((id) => manifest.nodes[id]?.resource_type === 'snapshot');
  if (snapshots.length === 0) return { runnable: new Set(selected), snapshots, snapshotTests: [] };
  const skipped = new Set(snapshots);
  const snapshotTests: string[] = [];
  const runnable = new Set<string>();
  for (const id of selected) {
    if (skipped.has(id)) continue;
    const node = manifest.nodes[id];
    if (node?.resource_type === 'test' && node.depends_on.nodes.some((d) => skipped.has(d)))
      snapshotTests.push(id);
    else runnable.add(id);
  }
  return { runnable, snapshots, snapshotTests };
}
