/** Where a template leaves something open, and what closes it. */
export interface UnclosedTag {
  line: number;
  column: number;
  /** What is open, as a person reads it: "{{", "{% if %}", "{# … #}". */
  opened: string;
  /** What would close it. */
  expected: string;
}

const CLOSER: Record<string, string> = { '{{': '}}', '{%': '%}', '{#': '#}' };
const OPENER = /\{\{|\{%|\{#/g;
const BLOCK_TAG = /^\{%-?\s*(\w+)([^]*?)-?%\}$/;
/** Tags that take an `{% end… %}`; `set` only in its block form (no `=`). */
const BLOCKS = new Set([
  'if',
  'for',
  'macro',
  'call',
  'filter',
  'raw',
  'test',
  'docs',
  'snapshot',
  'materialization',
  'block',
]);

/**
 * The first thing a template opens and never closes — a `{{`, `{%` or `{#` without its
 * delimiter, or a block tag without its `{% end… %}`. nunjucks reports these at the end of the
 * file, or with no position at all; a person needs the line where the unclosed thing starts.
 * `undefined` when everything is closed (the error is something else).
 */
export function findUnclosedTag(source: string): UnclosedTag | undefined {
  const stack: Array<{ name: string; at: number }> = [];
  let from = 0;
  for (;;) {
    OPENER.lastIndex = from;
    const open = OPENER.exec(source);
    if (!open) break;
    const start = open.index;
    const closer = CLOSER[open[0]]!;
    const end = source.indexOf(closer, start + 2);
    const next = nextCodeOpener(source, start + 2);
    if (end < 0 || (open[0] !== '{#' && next >= 0 && next < end)) {
      return at(source, start, open[0] === '{#' ? '{# … #}' : open[0], closer);
    }
    const tag = source.slice(start, end + 2);
    if (open[0] === '{%') {
      const m = BLOCK_TAG.exec(tag);
      const name = m?.[1] ?? '';
      if (name === 'raw') {
        const endRaw = /\{%-?\s*endraw\s*-?%\}/g;
        endRaw.lastIndex = end + 2;
        const found = endRaw.exec(source);
        if (!found) return at(source, start, '{% raw %}', '{% endraw %}');
        from = found.index + found[0].length;
        continue;
      }
      if (BLOCKS.has(name) || (name === 'set' && !m![2]!.includes('='))) {
        stack.push({ name, at: start });
      } else if (name.startsWith('end') && stack.at(-1)?.name === name.slice(3)) {
        stack.pop();
      }
    }
    from = end + 2;
  }
  const open = stack.at(-1);
  return open ? at(source, open.at, `{% ${open.name} %}`, `{% end${open.name} %}`) : undefined;
}

function nextCodeOpener(source: string, from: number): number {
  const a = source.indexOf('{{', from);
  const b = source.indexOf('{%', from);
  if (a < 0) return b;
  if (b < 0) return a;
  return Math.min(a, b);
}

function at(source: string, index: number, opened: string, expected: string): UnclosedTag {
  const before = source.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { line, column, opened, expected };
}
