/**
 * Python's `fnmatch.fnmatchcase`, which dbt uses for every name-like selector value (fqn, tag,
 * package, source, file, test_name). It is not a path glob: `*` also crosses `.` and `/`, there
 * is no `**`, no braces and no dotfile rule, so picomatch (a path-glob engine) would give
 * different answers for values like `tag:team/*`. `path:` selectors do use picomatch.
 */

const cache = new Map<string, RegExp>();

/** True when `name` matches the fnmatch `pattern` (case-sensitive, whole string). */
export function fnmatch(name: string, pattern: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${translate(pattern)}$`, 's');
    cache.set(pattern, re);
  }
  return re.test(name);
}

/** True when `value` uses any fnmatch wildcard (`*`, `?`, `[`, `]`). */
export function hasWildcard(value: string): boolean {
  return /[*?[\]]/.test(value);
}

function translate(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const close = classEnd(pattern, i);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith('!');
      if (negated) body = body.slice(1);
      // In a JS class `]`, `[`, `\` and a leading `^` are special; in fnmatch they are literal.
      body = body.replace(/[\\\][^]/g, '\\$&');
      out += `[${negated ? '^' : ''}${body}]`;
      i = close;
    } else out += escapeRegExp(c);
  }
  return out;
}

/** Index of the `]` closing the class opened at `open`; a `]` right after `[` or `[!` is literal. */
function classEnd(pattern: string, open: number): number {
  let j = open + 1;
  if (pattern[j] === '!') j++;
  if (pattern[j] === ']') j++;
  return pattern.indexOf(']', j);
}

function escapeRegExp(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
