/**
 * Descriptions as Markdown, the way dbt users write them (headings, emphasis, lists, tables,
 * code, links), parsed by markdown-it into a small tree of allowed elements — never an HTML
 * string. The page builds that tree with createElement and text nodes (app/markdown-view.ts),
 * so no description can run script: raw HTML stays text (`html: false`), `javascript:` and
 * other unsafe links stay text (markdown-it's validateLink), and any element or attribute not
 * listed here is dropped.
 */
import MarkdownItParser, { type MarkdownIt, type Token } from 'markdown-it';

/**
 * The elements a description may produce; any other that markdown-it makes is dropped, its
 * text kept.
 */
const TAGS = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'em',
  's',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'blockquote',
  'hr',
  'br',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
] as const;

/** An element {@link parseMarkdown} may produce. */
export type MarkdownTag = (typeof TAGS)[number];

const ALLOWED_TAGS: ReadonlySet<string> = new Set(TAGS);

/** An element of a parsed description: only {@link MarkdownTag}s, only their allowed attributes. */
export interface MarkdownElement {
  tag: MarkdownTag;
  attrs?: Record<string, string>;
  children: MarkdownNode[];
}

/** A piece of a parsed description: text (shown as text, whatever it holds) or an element. */
export type MarkdownNode = string | MarkdownElement;

/** Attributes kept per element; everything else markdown-it (or a future plugin) sets is dropped. */
const ALLOWED_ATTRS: Partial<Record<MarkdownTag, readonly string[]>> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title'],
  ol: ['start'],
  th: ['style'],
  td: ['style'],
};

/** The only style markdown-it writes: a table column's alignment. */
const CELL_STYLE = /^text-align:(left|right|center)$/;

/** Block elements: their text is kept apart from the next block's in {@link markdownText}. */
const BLOCKS: ReadonlySet<string> = new Set<MarkdownTag>([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'li',
  'tr',
  'td',
  'th',
  'blockquote',
  'hr',
  'br',
]);

let parser: MarkdownIt | undefined;

/** One parser, made when the first description is parsed: raw HTML is text, no typographer. */
function markdownIt(): MarkdownIt {
  return (parser ??= new MarkdownItParser({ html: false, linkify: false, typographer: false }));
}

/** A description's Markdown as a tree of allowed elements and text. */
export function parseMarkdown(source: string): MarkdownNode[] {
  const root: MarkdownNode[] = [];
  // The children lists being filled, innermost last; a skipped (hidden or unknown) element's
  // children go to its parent, so the text is never lost.
  const stack: MarkdownNode[][] = [root];
  const appendTokens = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      const into = stack[stack.length - 1]!;
      if (token.nesting === 1) {
        if (token.hidden || !ALLOWED_TAGS.has(token.tag)) stack.push(into);
        else {
          const el = element(token.tag as MarkdownTag, token);
          into.push(el);
          stack.push(el.children);
        }
      } else if (token.nesting === -1) {
        if (stack.length > 1) stack.pop();
      } else into.push(...leaf(token, appendTokens));
    }
  };
  appendTokens(markdownIt().parse(source, {}));
  return root;
}

/** What a self-closing token shows: inline content, code, a break, an image — else its text. */
function leaf(token: Token, appendTokens: (tokens: readonly Token[]) => void): MarkdownNode[] {
  switch (token.type) {
    case 'inline':
      appendTokens(token.children ?? []);
      return [];
    case 'text':
      return [token.content];
    case 'softbreak':
      return ['\n'];
    case 'hardbreak':
      return [{ tag: 'br', children: [] }];
    case 'hr':
      return [{ tag: 'hr', children: [] }];
    case 'code_inline':
      return [{ tag: 'code', children: [token.content] }];
    case 'code_block':
    case 'fence':
      return [{ tag: 'pre', children: [{ tag: 'code', children: [token.content] }] }];
    case 'image': {
      const img = element('img', token);
      img.attrs = { ...img.attrs, alt: tokenText(token.children ?? []) };
      return [img];
    }
    default:
      // html_inline / html_block (only with `html: true`) and anything unforeseen: as text.
      return token.content ? [token.content] : [];
  }
}

function element(tag: MarkdownTag, token: Token): MarkdownElement {
  const allowed = ALLOWED_ATTRS[tag] ?? [];
  const attrs: Record<string, string> = {};
  for (const [name, value] of token.attrs ?? []) {
    if (!allowed.includes(name)) continue;
    if (name === 'style' && !CELL_STYLE.test(String(value))) continue;
    attrs[name] = String(value);
  }
  return Object.keys(attrs).length > 0 ? { tag, attrs, children: [] } : { tag, children: [] };
}

/**
 * A description as plain text, for the search index: the words a reader sees, without the
 * Markdown around them (`**bold**` is found by `bold`), blocks separated by spaces.
 */
export function descriptionText(source: string): string {
  const text = MAY_HAVE_MARKUP.test(source) ? markdownText(parseMarkdown(source)) : source;
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Whether Markdown could change a description's words: an inline marker, escape, entity or
 * autolink character, or a line that opens a list, quote or heading or underlines one. Text
 * without any reads the same parsed or not, so the search index skips parsing it (10–30 µs a
 * description measured here: 0.1–0.3 s on 10,000 models).
 */
const MAY_HAVE_MARKUP = /[\\`*_[\]<>#|~&!]|^\s*(?:[-+]|\d+[.)])(?:\s|$)|^\s*(?:=+|-+)\s*$/m;

function markdownText(nodes: readonly MarkdownNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') out += node;
    else if (node.tag === 'img') out += node.attrs?.alt ?? '';
    else {
      out += markdownText(node.children);
      if (BLOCKS.has(node.tag)) out += ' ';
    }
  }
  return out;
}

/** An image's alt text: the text of its inline tokens (`![the *alt*](…)`). */
function tokenText(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.children ? tokenText(t.children) : t.content)).join('');
}
