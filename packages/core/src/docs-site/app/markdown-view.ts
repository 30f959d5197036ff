/**
 * A description rendered as Markdown: the tree of ../markdown.ts built with createElement and
 * text nodes (no innerHTML anywhere), so whatever a description holds is shown, never run.
 */
import { parseMarkdown, type MarkdownNode } from '../markdown';
import { h } from './dom';

/** A `div.markdown` holding the description; `empty` (e.g. "No description.") when it is blank. */
export function markdownBlock(source: string, empty?: HTMLElement): HTMLElement {
  if (source.trim() === '') return h('div', { class: 'markdown' }, empty);
  return h('div', { class: 'markdown' }, ...parseMarkdown(source).map(toDom));
}

function toDom(node: MarkdownNode): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  return h(node.tag, node.attrs, ...node.children.map(toDom));
}
