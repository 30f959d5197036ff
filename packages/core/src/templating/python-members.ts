import { bind, splitKeywords } from './py-args';
import { strFormat } from './py-format';
import { compare, dictKey, iterate } from './py-operators';
import { PyTuple, PyTypeError, asString, isDict, pyEq, pyRepr, truthy, tuple } from './py-values';

/**
 * The methods of Python's str, list, tuple and dict that dbt macros call on template values:
 * `'a,b'.split(',')`, `name.upper()`, `cols.append(c)`, `d.items()`, `'{}'.format(x)`.
 * `pythonMethod` returns the method bound to its value, or undefined when the type has none.
 */
export function pythonMethod(
  obj: unknown,
  key: string,
): ((...args: unknown[]) => unknown) | undefined {
  const s = asString(obj);
  const table: Record<string, Method> | undefined =
    s !== undefined
      ? STRING
      : obj instanceof PyTuple
        ? TUPLE
        : Array.isArray(obj)
          ? LIST
          : isDict(obj)
            ? DICT
            : undefined;
  const method = table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
  if (!method) return undefined;
  const self = s ?? obj;
  return (...args: unknown[]) => method(self as never, args);
}

/** True when `key` names a dict method (`d.items` is the method, `d['items']` the value). */
export function isDictMethod(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(DICT, key);
}

type Method = (self: never, args: unknown[]) => unknown;

const WS = ' \t\n\r\x0b\x0c';

function strip(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = typeof chars === 'string' ? chars : WS;
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a]!)) a++;
  if (right) while (b > a && set.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

function split(s: string, sep: unknown, max: unknown, fromRight: boolean): string[] {
  const limit = typeof max === 'number' && max >= 0 ? max : Infinity;
  if (sep === undefined || sep === null) {
    const words = strip(s, undefined, true, true)
      .split(/[ \t\n\r\x0b\x0c]+/)
      .filter((w) => w !== '');
    if (words.length <= limit + 1) return words;
    if (fromRight) {
      const cut = words.length - limit;
      const head = strip(s, undefined, true, true);
      const tail = words.slice(cut);
      let rest = head;
      for (let i = tail.length - 1; i >= 0; i--) rest = rest.slice(0, rest.lastIndexOf(tail[i]!));
      return [strip(rest, undefined, false, true), ...tail];
    }
    const out = words.slice(0, limit);
    let rest = strip(s, undefined, true, false);
    for (const w of out)
      rest = strip(rest.slice(rest.indexOf(w) + w.length), undefined, true, false);
    return [...out, rest];
  }
  const sepStr = String(sep);
  if (sepStr === '') throw new Error('ValueError: empty separator');
  const parts = s.split(sepStr);
  if (parts.length <= limit + 1) return parts;
  if (fromRight)
    return [
      parts.slice(0, parts.length - limit).join(sepStr),
      ...parts.slice(parts.length - limit),
    ];
  return [...parts.slice(0, limit), parts.slice(limit).join(sepStr)];
}

const str = (v: unknown, what: string): string => {
  const s = asString(v);
  if (s === undefined) throw new PyTypeError(`${what} must be str, not ${pyRepr(v)}`);
  return s;
};

const prefixTest = (arg: unknown, test: (p: string) => boolean): boolean =>
  Array.isArray(arg) ? arg.some((p) => test(str(p, 'prefix'))) : test(str(arg, 'prefix'));

function titleCase(s: string): string {
  return s.replace(/[A-Za-z]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase());
}

function pad(s: string, width: unknown, fill: unknown, where: 'left' | 'right' | 'center'): string {
  const w = Number(width);
  const f = typeof fill === 'string' ? fill : ' ';
  if (s.length >= w) return s;
  const n = w - s.length;
  if (where === 'right') return s + f.repeat(n);
  if (where === 'left') return f.repeat(n) + s;
  const left = Math.floor(n / 2) + ((n % 2) & (w % 2));
  return f.repeat(left) + s + f.repeat(n - left);
}

function find(s: string, sub: unknown, start: unknown, end: unknown, last: boolean): number {
  const hay = s.slice(
    typeof start === 'number' ? start : 0,
    typeof end === 'number' ? end : undefined,
  );
  const at = last ? hay.lastIndexOf(str(sub, 'sub')) : hay.indexOf(str(sub, 'sub'));
  return at < 0 ? -1 : at + (typeof start === 'number' ? start : 0);
}

const STRING: Record<string, (s: string, args: unknown[]) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => s.toLowerCase(),
  swapcase: (s) =>
    [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  strip: (s, a) => strip(s, a[0], true, true),
  lstrip: (s, a) => strip(s, a[0], true, false),
  rstrip: (s, a) => strip(s, a[0], false, true),
  split: (s, a) => {
    const [sep, max] = bind(a, ['sep', 'maxsplit'], 'split');
    return split(s, sep, max, false);
  },
  rsplit: (s, a) => {
    const [sep, max] = bind(a, ['sep', 'maxsplit'], 'rsplit');
    return split(s, sep, max, true);
  },
  splitlines: (s, a) => {
    const lines = s.split(/(?<=\r\n|\r(?!\n)|\n)/);
    return a[0] ? lines : lines.map((l) => l.replace(/\r?\n$|\r$/, ''));
  },
  replace: (s, a) => {
    const [from, to, count] = a as [unknown, unknown, unknown];
    const parts = s.split(str(from, 'old'));
    const n = typeof count === 'number' && count >= 0 ? count : Infinity;
    if (parts.length - 1 <= n) return parts.join(str(to, 'new'));
    return (
      parts.slice(0, n + 1).join(str(to, 'new')) +
      String(from) +
      parts.slice(n + 1).join(String(from))
    );
  },
  startswith: (s, a) => prefixTest(a[0], (p) => s.slice(Number(a[1] ?? 0)).startsWith(p)),
  endswith: (s, a) => prefixTest(a[0], (p) => s.endsWith(p)),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  title: titleCase,
  find: (s, a) => find(s, a[0], a[1], a[2], false),
  rfind: (s, a) => find(s, a[0], a[1], a[2], true),
  index: (s, a) => {
    const i = find(s, a[0], a[1], a[2], false);
    if (i < 0) throw new Error('ValueError: substring not found');
    return i;
  },
  rindex: (s, a) => {
    const i = find(s, a[0], a[1], a[2], true);
    if (i < 0) throw new Error('ValueError: substring not found');
    return i;
  },
  count: (s, a) => {
    const sub = str(a[0], 'sub');
    return sub === '' ? s.length + 1 : s.split(sub).length - 1;
  },
  join: (s, a) =>
    iterate(a[0])
      .map((x, i) => {
        const v = asString(x);
        if (v === undefined)
          throw new PyTypeError(`sequence item ${i}: expected str instance, ${pyRepr(x)} found`);
        return v;
      })
      .join(s),
  format: (s, a) => {
    const { positional, keywords } = splitKeywords(a);
    return strFormat(s, positional, keywords);
  },
  zfill: (s, a) => {
    const w = Number(a[0]);
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
    return s.length >= w ? s : sign + s.slice(sign.length).padStart(w - sign.length, '0');
  },
  center: (s, a) => pad(s, a[0], a[1], 'center'),
  ljust: (s, a) => pad(s, a[0], a[1], 'right'),
  rjust: (s, a) => pad(s, a[0], a[1], 'left'),
  partition: (s, a) => {
    const sep = str(a[0], 'sep');
    const i = s.indexOf(sep);
    return i < 0 ? tuple([s, '', '']) : tuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (s, a) => {
    const sep = str(a[0], 'sep');
    const i = s.lastIndexOf(sep);
    return i < 0 ? tuple(['', '', s]) : tuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  removeprefix: (s, a) => (s.startsWith(str(a[0], 'prefix')) ? s.slice(String(a[0]).length) : s),
  removesuffix: (s, a) =>
    a[0] !== '' && s.endsWith(str(a[0], 'suffix')) ? s.slice(0, -String(a[0]).length) : s,
  expandtabs: (s, a) => {
    const size = a[0] === undefined ? 8 : Number(a[0]);
    let col = 0;
    let out = '';
    for (const c of s) {
      if (c === '\t') {
        const n = size - (col % size);
        out += ' '.repeat(n);
        col += n;
      } else {
        out += c;
        col = c === '\n' || c === '\r' ? 0 : col + 1;
      }
    }
    return out;
  },
  isdigit: (s) => /^\d+$/.test(s),
  isnumeric: (s) => /^\d+$/.test(s),
  isdecimal: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\d]+$/u.test(s),
  isspace: (s) => /^\s+$/.test(s),
  isupper: (s) => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s),
  islower: (s) => /\p{Ll}/u.test(s) && !/\p{Lu}/u.test(s),
  istitle: (s) => s !== '' && titleCase(s) === s && /[A-Za-z]/.test(s),
  isidentifier: (s) => /^[A-Za-z_]\w*$/.test(s),
  encode: (s) => s,
};

function indexOf(list: unknown[], item: unknown): number {
  for (let i = 0; i < list.length; i++) if (pyEq(list[i], item)) return i;
  return -1;
}

const TUPLE: Record<string, (l: unknown[], args: unknown[]) => unknown> = {
  index: (l, a) => {
    const i = indexOf(l, a[0]);
    if (i < 0) throw new Error(`ValueError: ${pyRepr(a[0])} is not in list`);
    return i;
  },
  count: (l, a) => l.filter((x) => pyEq(x, a[0])).length,
};

const LIST: Record<string, (l: unknown[], args: unknown[]) => unknown> = {
  ...TUPLE,
  append: (l, a) => {
    l.push(a[0]);
    return null;
  },
  extend: (l, a) => {
    l.push(...iterate(a[0]));
    return null;
  },
  insert: (l, a) => {
    let i = Number(a[0]);
    if (i < 0) i = Math.max(l.length + i, 0);
    l.splice(i, 0, a[1]);
    return null;
  },
  pop: (l, a) => {
    if (l.length === 0) throw new Error('IndexError: pop from empty list');
    let i = a[0] === undefined ? l.length - 1 : Number(a[0]);
    if (i < 0) i += l.length;
    if (i < 0 || i >= l.length) throw new Error('IndexError: pop index out of range');
    return l.splice(i, 1)[0];
  },
  remove: (l, a) => {
    const i = indexOf(l, a[0]);
    if (i < 0) throw new Error('ValueError: list.remove(x): x not in list');
    l.splice(i, 1);
    return null;
  },
  reverse: (l) => {
    l.reverse();
    return null;
  },
  sort: (l, a) => {
    const [key, reverse] = bind(a, ['key', 'reverse'], 'sort');
    const keyOf = typeof key === 'function' ? (x: unknown) => key(x) : (x: unknown) => x;
    l.sort((x, y) =>
      compare('<', keyOf(x), keyOf(y)) ? -1 : compare('<', keyOf(y), keyOf(x)) ? 1 : 0,
    );
    if (truthy(reverse)) l.reverse();
    return null;
  },
  copy: (l) => l.slice(),
  clear: (l) => {
    l.length = 0;
    return null;
  },
};

const has = (d: object, k: string) => Object.prototype.hasOwnProperty.call(d, k);

const DICT: Record<string, (d: Record<string, unknown>, args: unknown[]) => unknown> = {
  items: (d) => Object.keys(d).map((k) => tuple([k, d[k]])),
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
  get: (d, a) => {
    const k = dictKey(a[0]);
    return has(d, k) ? d[k] : a.length > 1 ? a[1] : null;
  },
  update: (d, a) => {
    const { positional, keywords } = splitKeywords(a);
    const other = positional[0];
    if (isDict(other)) Object.assign(d, other);
    else if (other !== undefined && other !== null)
      for (const pair of iterate(other)) {
        const [k, v] = iterate(pair);
        d[dictKey(k)] = v;
      }
    Object.assign(d, keywords);
    return null;
  },
  setdefault: (d, a) => {
    const k = dictKey(a[0]);
    if (!has(d, k)) d[k] = a.length > 1 ? a[1] : null;
    return d[k];
  },
  pop: (d, a) => {
    const k = dictKey(a[0]);
    if (has(d, k)) {
      const v = d[k];
      delete d[k];
      return v;
    }
    if (a.length > 1) return a[1];
    throw new Error(`KeyError: ${pyRepr(a[0])}`);
  },
  popitem: (d) => {
    const keys = Object.keys(d);
    if (keys.length === 0) throw new Error("KeyError: 'popitem(): dictionary is empty'");
    const k = keys[keys.length - 1]!;
    const v = d[k];
    delete d[k];
    return tuple([k, v]);
  },
  copy: (d) => ({ ...d }),
  clear: (d) => {
    for (const k of Object.keys(d)) delete d[k];
    return null;
  },
};
