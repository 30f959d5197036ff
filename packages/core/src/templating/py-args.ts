import { isKeywords } from './py-values';

/**
 * Python's argument binding for the functions tsmodel implements in JavaScript (methods,
 * filters, tests, dbt helpers): nunjucks passes keyword arguments as a trailing object, so
 * `l.sort(reverse=true)` arrives as `[{reverse: true, __keywords: true}]`.
 */
export function splitKeywords(args: unknown[]): {
  positional: unknown[];
  keywords: Record<string, unknown>;
} {
  const last = args[args.length - 1];
  if (isKeywords(last)) {
    const keywords: Record<string, unknown> = {};
    for (const k of Object.keys(last)) if (k !== '__keywords') keywords[k] = last[k];
    return { positional: args.slice(0, -1), keywords };
  }
  return { positional: args, keywords: {} };
}

/**
 * Binds `args` to parameter `names` (positional first, then by keyword), e.g.
 * `bind(args, ['sep', 'maxsplit'])` for `split(sep=None, maxsplit=-1)`. Unknown keywords fail,
 * as in Python.
 */
export function bind(args: unknown[], names: string[], what = 'function'): unknown[] {
  const { positional, keywords } = splitKeywords(args);
  if (positional.length > names.length)
    throw new TypeError(
      `${what}() takes at most ${names.length} arguments (${positional.length} given)`,
    );
  const out: unknown[] = positional.slice();
  for (const [k, v] of Object.entries(keywords)) {
    const i = names.indexOf(k);
    if (i < 0) throw new TypeError(`${what}() got an unexpected keyword argument '${k}'`);
    out[i] = v;
  }
  return out;
}
