import { bind } from './py-args';
import { asString, tuple } from './py-values';
import { inlineFlags, jsFlags, jsSource } from './py-re-source';

/**
 * The parts of Python's `re` module dbt packages call through `modules.re` (`sub`, `search`,
 * `match`, `fullmatch`, `findall`, `split`, `compile`, `escape`, the flags), on JavaScript
 * regular expressions: Python's `(?P<name>…)`, `\Z`, `\A` and replacement syntax (`\1`,
 * `\g<name>`) are translated; the patterns packages use are in the common subset.
 */
const FLAGS = {
  IGNORECASE: 2,
  I: 2,
  MULTILINE: 8,
  M: 8,
  DOTALL: 16,
  S: 16,
  VERBOSE: 64,
  X: 64,
  ASCII: 256,
  A: 256,
  UNICODE: 32,
  U: 32,
};

/** A compiled pattern: `re.compile(p).match(s)`. */
export class PyPattern {
  readonly pattern: string;
  readonly flags: number;
  private readonly source: string;
  private readonly js: string;

  constructor(pattern: unknown, flags: unknown) {
    if (pattern instanceof PyPattern) {
      this.pattern = pattern.pattern;
      this.flags = pattern.flags;
    } else {
      this.pattern = asString(pattern) ?? String(pattern);
      this.flags = Number(flags ?? 0);
    }
    const inline = inlineFlags(this.pattern);
    this.flags |= inline.flags;
    this.source = jsSource(inline.pattern, this.flags);
    this.js = jsFlags(this.flags);
  }

  regex(extra = ''): RegExp {
    return new RegExp(this.source, this.js + extra);
  }

  search(s: unknown, pos?: unknown): PyMatch | null {
    const re = this.regex('g');
    re.lastIndex = Number(pos ?? 0);
    const m = re.exec(String(s));
    return m ? new PyMatch(m, String(s)) : null;
  }

  match(s: unknown): PyMatch | null {
    const m = this.regex('y').exec(String(s));
    return m ? new PyMatch(m, String(s)) : null;
  }

  fullmatch(s: unknown): PyMatch | null {
    const m = new RegExp(`(?:${this.source})$(?![\\s\\S])`, this.js + 'y').exec(String(s));
    return m ? new PyMatch(m, String(s)) : null;
  }

  findall(s: unknown): unknown[] {
    return [...String(s).matchAll(this.regex('g'))].map((m) =>
      m.length === 1 ? m[0] : m.length === 2 ? (m[1] ?? '') : tuple(m.slice(1).map((g) => g ?? '')),
    );
  }

  finditer(s: unknown): PyMatch[] {
    return [...String(s).matchAll(this.regex('g'))].map((m) => new PyMatch(m, String(s)));
  }

  sub(...args: unknown[]): string {
    const [repl, s, count] = bind(args, ['repl', 'string', 'count'], 'sub');
    let left = Number(count ?? 0) || Infinity;
    return String(s).replace(this.regex('g'), (...m: unknown[]) => {
      if (left-- <= 0) return m[0] as string;
      const groups = m.slice(
        0,
        m.findIndex((x) => typeof x === 'number'),
      ) as string[];
      if (typeof repl === 'function') {
        const exec = Object.assign(groups.slice(), {
          index: 0,
          input: String(s),
        }) as unknown as RegExpExecArray;
        return String(repl(new PyMatch(exec, String(s))));
      }
      return expand(String(repl), groups, m[m.length - 1] as Record<string, string> | undefined);
    });
  }

  split(...args: unknown[]): string[] {
    const [s, maxsplit] = bind(args, ['string', 'maxsplit'], 'split');
    const text = String(s);
    const out: string[] = [];
    let last = 0;
    let n = 0;
    const max = Number(maxsplit ?? 0);
    for (const m of text.matchAll(this.regex('g'))) {
      if (max > 0 && n >= max) break;
      out.push(
        text.slice(last, m.index),
        ...m.slice(1).map((g) => g ?? (null as unknown as string)),
      );
      last = m.index! + m[0].length;
      n++;
    }
    out.push(text.slice(last));
    return out;
  }
}

function expand(repl: string, groups: string[], named: Record<string, string> | undefined): string {
  return repl.replace(/\\(?:g<(\w+)>|(\d{1,2})|(.))/g, (_m, g: string, d: string, c: string) => {
    if (g !== undefined) return (/^\d+$/.test(g) ? groups[Number(g)] : named?.[g]) ?? '';
    if (d !== undefined) return groups[Number(d)] ?? '';
    return ({ n: '\n', t: '\t', r: '\r', '\\': '\\' } as Record<string, string>)[c] ?? '\\' + c;
  });
}

/** A match: `group()`, `groups()`, `groupdict()`, `start()`, `end()`, `span()`. */
export class PyMatch {
  constructor(
    private readonly m: RegExpExecArray,
    readonly string: string,
  ) {}

  group(...args: unknown[]): unknown {
    const pick = (g: unknown) => {
      const v = typeof g === 'string' ? this.m.groups?.[g] : this.m[Number(g ?? 0)];
      return v === undefined ? null : v;
    };
    if (args.length <= 1) return pick(args[0]);
    return tuple(args.map(pick));
  }

  groups(dflt: unknown = null): unknown {
    return tuple(this.m.slice(1).map((g) => (g === undefined ? dflt : g)));
  }

  groupdict(dflt: unknown = null): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.m.groups ?? {})) out[k] = v === undefined ? dflt : v;
    return out;
  }

  start(): number {
    return this.m.index;
  }

  end(): number {
    return this.m.index + this.m[0].length;
  }

  span(): unknown {
    return tuple([this.start(), this.end()]);
  }

  __bool__(): boolean {
    return true;
  }
}

const pattern = (p: unknown, flags: unknown) => new PyPattern(p, flags);

export const RE_MODULE = {
  ...FLAGS,
  compile: (...a: unknown[]) => {
    const [p, flags] = bind(a, ['pattern', 'flags'], 'compile');
    return pattern(p, flags);
  },
  search: (...a: unknown[]) => {
    const [p, s, flags] = bind(a, ['pattern', 'string', 'flags'], 'search');
    return pattern(p, flags).search(s);
  },
  match: (...a: unknown[]) => {
    const [p, s, flags] = bind(a, ['pattern', 'string', 'flags'], 'match');
    return pattern(p, flags).match(s);
  },
  fullmatch: (...a: unknown[]) => {
    const [p, s, flags] = bind(a, ['pattern', 'string', 'flags'], 'fullmatch');
    return pattern(p, flags).fullmatch(s);
  },
  findall: (...a: unknown[]) => {
    const [p, s, flags] = bind(a, ['pattern', 'string', 'flags'], 'findall');
    return pattern(p, flags).findall(s);
  },
  finditer: (...a: unknown[]) => {
    const [p, s, flags] = bind(a, ['pattern', 'string', 'flags'], 'finditer');
    return pattern(p, flags).finditer(s);
  },
  sub: (...a: unknown[]) => {
    const [p, repl, s, count, flags] = bind(
      a,
      ['pattern', 'repl', 'string', 'count', 'flags'],
      'sub',
    );
    return pattern(p, flags).sub(repl, s, count ?? 0);
  },
  split: (...a: unknown[]) => {
    const [p, s, maxsplit, flags] = bind(a, ['pattern', 'string', 'maxsplit', 'flags'], 'split');
    return pattern(p, flags).split(s, maxsplit ?? 0);
  },
  escape: (s: unknown) => String(s).replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, '\\$&'),
};
