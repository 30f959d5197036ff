/** A tiny element builder: the app has no framework, and builds every page with this. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Array<Node | string | undefined | false>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs))
    if (value !== undefined) el.setAttribute(key, value);
  for (const child of children) if (child !== undefined && child !== false) el.append(child);
  return el;
}

/** The address of a node's page, optionally opened on one column's lineage. */
export function nodeHref(uniqueId: string, column?: string): string {
  return `#!/node/${encodeURIComponent(uniqueId)}${column ? `?column=${encodeURIComponent(column)}` : ''}`;
}

/** The address of the lineage graph of a selection. */
export function graphHref(select: string): string {
  return `#!/graph?select=${encodeURIComponent(select)}`;
}
