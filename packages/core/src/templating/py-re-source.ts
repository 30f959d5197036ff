/**
 * Python regular expressions as JavaScript ones: what `modules.re` compiles. Python's
 * `(?P<name>…)`, `(?P=name)`, `\A`, `\Z`, leading inline flags, verbose mode, braces that are
 * not quantifiers and escaped punctuation become their JavaScript spelling (a `u` regex).
 */

/** Python's inline flag letters (`(?ix)` at the start of a pattern) as flag bits. */
const INLINE_FLAGS: Record<string, number> = { a: 256, i: 2, L: 4, m: 8, s: 16, u: 32, x: 64 };

/**
 * Global inline flags at the start of a pattern (`(?ix)…`, where Python 3.11 requires them):
 * the pattern without them, and the flags they add.
 */
export function inlineFlags(pattern: string): { pattern: string; flags: number } {
  let flags = 0;
  let rest = pattern;
  for (let m = /^\(\?([aiLmsux]+)\)/.exec(rest); m; m = /^\(\?([aiLmsux]+)\)/.exec(rest)) {
    for (const letter of m[1]!) flags |= INLINE_FLAGS[letter]!;
    rest = rest.slice(m[0].length);
  }
  return { pattern: rest, flags };
}

/**
 * Copies escapes and character classes (`[…]`, where a leading `]` is a member) as they are,
 * and lets `outside` rewrite everything else: for the character at `i` it returns the text to
 * write and how many characters of the pattern that text replaces.
 */
function rewriteOutsideClasses(
  pattern: string,
  outside: (i: number) => [text: string, consumed: number],
): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (inClass) {
      out += c;
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') out += pattern[++i];
    } else {
      const [text, consumed] = outside(i);
      out += text;
      i += consumed - 1;
    }
  }
  return out;
}

/**
 * `re.VERBOSE`: whitespace and `#` comments are dropped outside character classes; escaped
 * ones (`\ `, `\#`) and those inside `[…]` stay, as in Python.
 */
function stripVerbose(pattern: string): string {
  return rewriteOutsideClasses(pattern, (i) => {
    const c = pattern[i]!;
    if (c === '#') {
      const end = pattern.indexOf('\n', i);
      return ['', (end < 0 ? pattern.length : end) - i];
    }
    return [/\s/.test(c) ? '' : c, 1];
  });
}

/**
 * Python accepts any punctuation escaped (`\\'`, `\\#`, `\\ `, `\\:`); a JavaScript `u` regex only
 * its syntax characters (and `\\-` in a class): the others become the character itself.
 */
function plainEscapes(pattern: string): string {
  return pattern.replace(/\\([\s\S])/g, (all, c: string) =>
    /[!"#%&',:;<=>@`~ _]/.test(c) ? c : all,
  );
}

/**
 * Python reads a brace that does not make a quantifier (`{{`, `a{x}`) as itself; a JavaScript
 * `u` regex rejects it, so such braces are escaped. Braces in classes and escaped ones stay.
 */
function literalBraces(pattern: string): string {
  return rewriteOutsideClasses(pattern, (i) => {
    const c = pattern[i]!;
    if (c === '}') return ['\\}', 1];
    if (c !== '{') return [c, 1];
    const quantifier = /^\{\d*,?\d*\}/.exec(pattern.slice(i))?.[0];
    return quantifier && quantifier !== '{}' && quantifier !== '{,}' && i > 0
      ? [quantifier, quantifier.length]
      : ['\\{', 1];
  });
}

export function jsSource(pattern: string, flags: number): string {
  let p = pattern
    .replace(/\(\?P<(\w+)>/g, '(?<$1>')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$(?![\\s\\S])');
  if (flags & 64) p = stripVerbose(p);
  return literalBraces(plainEscapes(p));
}

export function jsFlags(flags: number): string {
  return 'u' + (flags & 2 ? 'i' : '') + (flags & 8 ? 'm' : '') + (flags & 16 ? 's' : '');
}
