import nunjucks from 'nunjucks';

/**
 * dbt macros are written in Jinja against Python objects: `'a,b'.split(',')`, `name.upper()`,
 * `cols.append(c)`, `d.items()`. nunjucks' jinja-compat layer covers lists and dicts; this adds
 * Python's string methods. It patches nunjucks' member lookup once per process, the same
 * mechanism nunjucks' own compat layer uses.
 */
export function installPythonMembers(): void {
  if (installed) return;
  installed = true;
  nunjucks.installJinjaCompat();
  // nunjucks exposes its runtime only through the module object.
  const runtime = (nunjucks as unknown as { runtime: { memberLookup: MemberLookup } }).runtime;
  const listAndDictLookup = runtime.memberLookup;
  runtime.memberLookup = function memberLookup(
    this: unknown,
    obj: unknown,
    key: unknown,
    ...rest: unknown[]
  ) {
    if (typeof obj === 'string' && typeof key === 'string' && rest.length === 0) {
      const method = STRING_MEMBERS[key];
      if (method) return (...args: unknown[]) => method(obj, ...args);
    }
    return listAndDictLookup.call(this, obj, key, ...rest);
  } as MemberLookup;
}

type MemberLookup = (obj: unknown, key: unknown, ...rest: unknown[]) => unknown;

let installed = false;

const strip = (s: string, chars?: unknown, side: 'both' | 'left' | 'right' = 'both'): string => {
  if (typeof chars !== 'string') {
    if (side === 'left') return s.trimStart();
    if (side === 'right') return s.trimEnd();
    return s.trim();
  }
  let start = 0;
  let end = s.length;
  if (side !== 'right') while (start < end && chars.includes(s[start]!)) start++;
  if (side !== 'left') while (end > start && chars.includes(s[end - 1]!)) end--;
  return s.slice(start, end);
};

const STRING_MEMBERS: Record<string, (s: string, ...args: unknown[]) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  strip: (s, chars) => strip(s, chars),
  lstrip: (s, chars) => strip(s, chars, 'left'),
  rstrip: (s, chars) => strip(s, chars, 'right'),
  split: (s, sep, max) => {
    const parts = sep === undefined || sep === null ? s.trim().split(/\s+/) : s.split(String(sep));
    if (typeof max !== 'number' || max < 0 || parts.length <= max + 1) return parts;
    return [...parts.slice(0, max), parts.slice(max).join(String(sep ?? ' '))];
  },
  replace: (s, from, to) => s.split(String(from)).join(String(to)),
  startswith: (s, prefix) => s.startsWith(String(prefix)),
  endswith: (s, suffix) => s.endsWith(String(suffix)),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  title: (s) => s.replace(/\w\S*/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()),
  find: (s, sub) => s.indexOf(String(sub)),
  count: (s, sub) => s.split(String(sub)).length - 1,
  join: (s, items) => (Array.isArray(items) ? items.join(s) : ''),
  isdigit: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^[A-Za-z]+$/.test(s),
  format: (s, ...args) => {
    let i = 0;
    return s.replace(/\{(\d*)\}/g, (_m, n: string) => String(args[n === '' ? i++ : Number(n)]));
  },
};
