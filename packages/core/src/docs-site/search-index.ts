import type { Manifest } from '../manifest/types';
import { descriptionOf, resourceTypeOf, siteNodes } from './site-nodes';
import type { SearchEntry } from './types';

/** Longest description kept in the search index; the page shows the full one. */
const SHORT_DESCRIPTION = 160;

/**
 * `data/search.json`: one compact row per page, for project-wide search, each description as
 * the plain text `plainText` makes of its Markdown (markdown.ts's descriptionText).
 */
export function buildSearchIndex(
  manifest: Manifest,
  plainText: (markdown: string) => string,
): SearchEntry[] {
  return siteNodes(manifest).map((entry) => {
    const description = plainText(descriptionOf(entry));
    return [
      entry.node.unique_id,
      entry.kind === 'node' && entry.node.resource_type === 'source'
        ? `${entry.node.source_name}.${entry.node.name}`
        : entry.node.name,
      resourceTypeOf(entry),
      entry.node.package_name,
      entry.node.original_file_path,
      description.length > SHORT_DESCRIPTION
        ? `${description.slice(0, SHORT_DESCRIPTION - 1)}…`
        : description,
    ];
  });
}

/**
 * The rows matching `query`, best first: every whitespace-separated word must occur in the
 * name, id, path or description (case-insensitively); exact and prefix name matches rank first.
 */
export function searchEntries(
  entries: readonly SearchEntry[],
  query: string,
  limit = 50,
): SearchEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const scored: Array<{ entry: SearchEntry; score: number }> = [];
  for (const entry of entries) {
    const name = entry[1].toLowerCase();
    const haystack = `${name} ${entry[0].toLowerCase()} ${entry[4].toLowerCase()} ${entry[5].toLowerCase()}`;
    if (!words.every((w) => haystack.includes(w))) continue;
    const first = words[0]!;
    const score =
      name === query.toLowerCase().trim()
        ? 0
        : name.startsWith(first)
          ? 1
          : name.includes(first)
            ? 2
            : 3;
    scored.push({ entry, score });
  }
  scored.sort((a, b) => a.score - b.score || a.entry[1].localeCompare(b.entry[1]));
  return scored.slice(0, limit).map((s) => s.entry);
}
