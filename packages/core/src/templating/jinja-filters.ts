import type nunjucks from 'nunjucks';
import { bind, splitKeywords } from './py-args';
import { percentFormat } from './py-format';
import { pyJsonDumps } from './py-json';
import { compare, contains, iterate } from './py-operators';
import { pythonMethod } from './python-members';
import {
  PyFloat,
  SafeString,
  asString,
  isDict,
  pyFloat,
  pyEq,
  pyRepr,
  pyStr,
  truthy,
  tuple,
} from './py-values';

/**
 * Jinja2's built-in filters with Jinja's signatures (keyword arguments included) and Python's
 * semantics, replacing nunjucks' JavaScript ones: `join` prints items as `str()`, `default(x,
 * true)` and `select` use Python truthiness, `sort`/`unique` ignore case by default, `map`
 * takes `attribute=` or a filter name. Plus dbt's `as_text`, `as_bool`, `as_number`, `as_native`.
 */
type Filter = (value: unknown, ...args: unknown[]) => unknown;
type Env = nunjucks.Environment & { getFilter(n: string): Filter; getTest(n: string): Filter };

/** `a.b.0` on an item, as Jinja's `attribute=` arguments read it. */
function attrGetter(attribute: unknown, dflt?: unknown): (x: unknown) => unknown {
  const path = typeof attribute === 'number' ? [attribute] : String(attribute).split('.');
  return (x) => {
    let v: unknown = x;
    for (const p of path) {
      if (v === undefined || v === null) return dflt;
      const key = typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p;
      const item = (v as { __getitem__?: (k: unknown) => unknown }).__getitem__;
      v = Array.isArray(v)
        ? v[key as number]
        : isDict(v)
          ? v[String(key)]
          : typeof item === 'function'
            ? (item.call(v, key) ?? (v as Record<string, unknown>)[String(key)])
            : (v as Record<string, unknown>)[String(key)];
    }
    return v === undefined ? dflt : v;
  };
}

const lowerIf = (caseSensitive: unknown) => (x: unknown) => {
  const s = asString(x);
  return s !== undefined && !truthy(caseSensitive) ? s.toLowerCase() : x;
};

const byOrder = (key: (x: unknown) => unknown) => (a: unknown, b: unknown) =>
  compare('<', key(a), key(b)) ? -1 : compare('<', key(b), key(a)) ? 1 : 0;

function str(v: unknown): string {
  return pyStr(v);
}

/** A class instance's `__int__`/`__float__` (Decimal), as Python's `int()`/`float()` call them. */
function convertHook(v: unknown, name: '__int__' | '__float__'): (() => unknown) | undefined {
  const f = (v as Record<string, unknown> | null)?.[name];
  return typeof f === 'function' ? () => f.call(v) : undefined;
}

function toInt(v: unknown, dflt: unknown, base: unknown): unknown {
  const hook = convertHook(v, '__int__');
  if (hook) return hook();
  const s = asString(v);
  if (typeof v === 'number' || v instanceof PyFloat) return Math.trunc(Number(v));
  if (typeof v === 'boolean') return Number(v);
  if (s !== undefined) {
    const t = s.trim().replace(/_/g, '');
    const b = typeof base === 'number' ? base : 10;
    if (b === 10 && /^[-+]?\d+$/.test(t)) return parseInt(t, 10);
    if (b !== 10 && t !== '' && !Number.isNaN(parseInt(t, b))) return parseInt(t, b);
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Math.trunc(parseFloat(t));
  }
  return dflt;
}

function toFloat(v: unknown, dflt: unknown): unknown {
  const hook = convertHook(v, '__float__');
  if (hook) return pyFloat(Number(hook()));
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat)
    return pyFloat(Number(v));
  const s = asString(v)?.trim();
  if (s !== undefined && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?(inf|nan)$/i.test(s))
    return pyFloat(parseFloat(s));
  return dflt;
}

/** Python's `round(n, precision)`: exact ties go to the even neighbour (2.5 → 2.0). */
function roundCommon(n: number, precision: number): number {
  const f = Math.pow(10, precision);
  const x = n * f;
  const floor = Math.floor(x);
  const r = x - floor === 0.5 ? (floor % 2 === 0 ? floor : floor + 1) : Math.round(x);
  return r / f;
}

function truncate(
  s: string,
  length: number,
  killwords: boolean,
  end: string,
  leeway: number,
): string {
  if (s.length <= length + leeway) return s;
  if (killwords) return s.slice(0, length - end.length) + end;
  const cut = s.slice(0, length - end.length);
  const i = cut.lastIndexOf(' ');
  return (i >= 0 ? cut.slice(0, i) : cut) + end;
}

function wordwrap(s: string, width: number, wrapstring: string): string {
  const lines: string[] = [];
  for (const para of s.split('\n')) {
    let line = '';
    for (const word of para.split(/ +/)) {
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= width) line += ' ' + word;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines.join(wrapstring);
}

function filesize(v: unknown, binary: unknown): string {
  const bytes = Number(v);
  const base = truthy(binary) ? 1024 : 1000;
  const units = truthy(binary)
    ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB']
    : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  if (bytes === 1) return '1 Byte';
  if (bytes < base) return `${bytes} Bytes`;
  let unit = 0;
  for (let i = 0; i < units.length; i++) if (bytes >= Math.pow(base, i + 1)) unit = i;
  return `${(bytes / Math.pow(base, unit + 1)).toFixed(1)} ${units[unit]}`;
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');
}

/**
 * The items `map`/`select`/`reject`/`selectattr`/`rejectattr` walk: Jinja2's versions are
 * generators guarded by `if value:`, so a None (an unset `exclude_columns`) yields nothing
 * instead of failing — dbt_utils' `equality` test relies on it.
 */
function lazySeq(v: unknown): unknown[] {
  return truthy(v) ? iterate(v) : [];
}

export function createJinjaFilters(env: Env): Record<string, Filter> {
  /** The test/filter-based item predicate of select/reject/selectattr/rejectattr. */
  const predicate = (args: unknown[], withAttr: boolean): ((x: unknown) => boolean) => {
    const { positional } = splitKeywords(args);
    const get = withAttr ? attrGetter(positional[0]) : (x: unknown) => x;
    const rest = withAttr ? positional.slice(1) : positional;
    if (rest.length === 0) return (x) => truthy(get(x));
    const test = env.getTest(String(rest[0]));
    const testArgs = rest.slice(1);
    return (x) => truthy(test(get(x), ...testArgs));
  };
  const mapper = (args: unknown[]): ((x: unknown) => unknown) => {
    const { positional, keywords } = splitKeywords(args);
    if (positional.length === 0 && 'attribute' in keywords)
      return attrGetter(keywords.attribute, keywords.default);
    const filter = env.getFilter(String(positional[0]));
    const extra = positional.slice(1);
    const kw = Object.keys(keywords).length > 0 ? [{ ...keywords, __keywords: true }] : [];
    return (x) => filter(x, ...extra, ...kw);
  };
  const minmax = (value: unknown, args: unknown[], sign: number) => {
    const [caseSensitive, attribute] = bind(args, ['case_sensitive', 'attribute'], 'max');
    const items = iterate(value);
    if (items.length === 0) return undefined;
    const get =
      attribute === undefined || attribute === null ? (x: unknown) => x : attrGetter(attribute);
    const key = (x: unknown) => lowerIf(caseSensitive)(get(x));
    return items.reduce((best, x) => (sign * byOrder(key)(x, best) > 0 ? x : best));
  };
  const filters: Record<string, Filter> = {
    abs: (v) => Math.abs(Number(v)),
    attr: (v, name) =>
      isDict(v) || v === null || v === undefined
        ? undefined
        : (v as Record<string, unknown>)[String(name)],
    batch: (v, ...a) => {
      const [n, fill] = bind(a, ['linecount', 'fill_with'], 'batch');
      const out: unknown[][] = [];
      let cur: unknown[] = [];
      for (const x of iterate(v)) {
        cur.push(x);
        if (cur.length === Number(n)) {
          out.push(cur);
          cur = [];
        }
      }
      if (cur.length) {
        if (fill !== undefined && fill !== null) while (cur.length < Number(n)) cur.push(fill);
        out.push(cur);
      }
      return out;
    },
    capitalize: (v) => pythonMethod(str(v), 'capitalize')!(),
    center: (v, w) => pythonMethod(str(v), 'center')!(w ?? 80),
    count: (v) => {
      const len = (v as { __len__?: () => number } | null)?.__len__;
      if (typeof len === 'function') return len.call(v);
      return isDict(v) ? Object.keys(v).length : iterate(v).length;
    },
    default: (v, ...a) => {
      const [dflt, boolean] = bind(a, ['default_value', 'boolean'], 'default');
      const d = dflt === undefined ? '' : dflt;
      return v === undefined || (truthy(boolean) && !truthy(v)) ? d : v;
    },
    dictsort: (v, ...a) => {
      const [caseSensitive, by, reverse] = bind(a, ['case_sensitive', 'by', 'reverse'], 'dictsort');
      const pos = by === 'value' ? 1 : 0;
      const items = Object.keys(v as object).map((k) =>
        tuple([k, (v as Record<string, unknown>)[k]]),
      );
      items.sort(byOrder((x) => lowerIf(caseSensitive)((x as unknown[])[pos])));
      return truthy(reverse) ? items.reverse() : items;
    },
    escape: (v) => (v instanceof SafeString ? v : new SafeString(escapeHtml(str(v)))),
    filesizeformat: (v, binary) => filesize(v, binary),
    first: (v) => iterate(v)[0],
    float: (v, ...a) => toFloat(v, bind(a, ['default'], 'float')[0] ?? pyFloat(0)),
    forceescape: (v) => new SafeString(escapeHtml(str(v))),
    format: (v, ...a) => {
      const { positional, keywords } = splitKeywords(a);
      return percentFormat(str(v), Object.keys(keywords).length ? keywords : tuple(positional));
    },
    groupby: (v, ...a) => {
      const [attribute, dflt, caseSensitive] = bind(
        a,
        ['attribute', 'default', 'case_sensitive'],
        'groupby',
      );
      const get = attrGetter(attribute, dflt);
      const key = (x: unknown) => lowerIf(caseSensitive)(get(x));
      const sorted = iterate(v).slice().sort(byOrder(key));
      const groups: Array<{ grouper: unknown; list: unknown[]; key: unknown }> = [];
      for (const x of sorted) {
        const last = groups[groups.length - 1];
        if (last && pyEq(last.key, key(x))) last.list.push(x);
        else
          groups.push({ grouper: truthy(caseSensitive) ? get(x) : key(x), list: [x], key: key(x) });
      }
      return groups.map((g) =>
        Object.assign(tuple([g.grouper, g.list]), { grouper: g.grouper, list: g.list }),
      );
    },
    indent: (v, ...a) => {
      const [width, first, blank] = bind(a, ['width', 'first', 'blank'], 'indent');
      const pad =
        typeof width === 'string' ? width : ' '.repeat(width === undefined ? 4 : Number(width));
      const lines = str(v).split('\n');
      return lines
        .map((l, i) =>
          (i > 0 || truthy(first)) && (truthy(blank) || l.trim() !== '') ? pad + l : l,
        )
        .join('\n');
    },
    int: (v, ...a) => {
      const [dflt, base] = bind(a, ['default', 'base'], 'int');
      return toInt(v, dflt ?? 0, base);
    },
    items: (v) =>
      v === undefined
        ? []
        : Object.keys(v as object).map((k) => tuple([k, (v as Record<string, unknown>)[k]])),
    join: (v, ...a) => {
      const [d, attribute] = bind(a, ['d', 'attribute'], 'join');
      const get =
        attribute === undefined || attribute === null ? (x: unknown) => x : attrGetter(attribute);
      return iterate(v)
        .map((x) => str(get(x)))
        .join(d === undefined ? '' : str(d));
    },
    last: (v) => {
      const items = iterate(v);
      return items[items.length - 1];
    },
    list: (v) => iterate(v).slice(),
    lower: (v) => str(v).toLowerCase(),
    map: (v, ...a) => lazySeq(v).map(mapper(a)),
    max: (v, ...a) => minmax(v, a, 1),
    min: (v, ...a) => minmax(v, a, -1),
    pprint: (v) => pyRepr(v),
    reject: (v, ...a) => {
      const p = predicate(a, false);
      return lazySeq(v).filter((x) => !p(x));
    },
    rejectattr: (v, ...a) => {
      const p = predicate(a, true);
      return lazySeq(v).filter((x) => !p(x));
    },
    replace: (v, ...a) => pythonMethod(str(v), 'replace')!(...a),
    reverse: (v) => {
      const s = asString(v);
      return s !== undefined ? [...s].reverse().join('') : iterate(v).slice().reverse();
    },
    round: (v, ...a) => {
      const [precision, method] = bind(a, ['precision', 'method'], 'round');
      const p = precision === undefined ? 0 : Number(precision);
      const f = Math.pow(10, p);
      if (method === 'ceil') return pyFloat(Math.ceil(Number(v) * f) / f);
      if (method === 'floor') return pyFloat(Math.floor(Number(v) * f) / f);
      return pyFloat(roundCommon(Number(v), p));
    },
    safe: (v) => (v instanceof SafeString ? v : new SafeString(str(v))),
    select: (v, ...a) => lazySeq(v).filter(predicate(a, false)),
    selectattr: (v, ...a) => lazySeq(v).filter(predicate(a, true)),
    slice: (v, ...a) => {
      const [slices, fill] = bind(a, ['slices', 'fill_with'], 'slice');
      const items = iterate(v);
      const n = Number(slices);
      const per = Math.floor(items.length / n);
      const extra = items.length % n;
      const out: unknown[][] = [];
      let offset = 0;
      for (let i = 0; i < n; i++) {
        const size = per + (i < extra ? 1 : 0);
        const part = items.slice(offset, offset + size);
        offset += size;
        if (fill !== undefined && fill !== null && i >= extra) part.push(fill);
        out.push(part);
      }
      return out;
    },
    sort: (v, ...a) => {
      const [reverse, caseSensitive, attribute] = bind(
        a,
        ['reverse', 'case_sensitive', 'attribute'],
        'sort',
      );
      const get =
        attribute === undefined || attribute === null ? (x: unknown) => x : attrGetter(attribute);
      const sorted = iterate(v)
        .slice()
        .sort(byOrder((x) => lowerIf(caseSensitive)(get(x))));
      return truthy(reverse) ? sorted.reverse() : sorted;
    },
    string: (v) => (v instanceof SafeString ? v : str(v)),
    striptags: (v) =>
      str(v)
        .replace(/<!--[\s\S]*?-->|<[^>]*>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    sum: (v, ...a) => {
      const [attribute, start] = bind(a, ['attribute', 'start'], 'sum');
      const get =
        attribute === undefined || attribute === null ? (x: unknown) => x : attrGetter(attribute);
      const items = iterate(v).map(get);
      const total = items.reduce((acc: number, x) => acc + Number(x), Number(start ?? 0));
      const float = items.some((x) => x instanceof PyFloat) || start instanceof PyFloat;
      return float ? pyFloat(total) : total;
    },
    title: (v) => pythonMethod(str(v), 'title')!(),
    tojson: (v, ...a) => {
      const [indent] = bind(a, ['indent'], 'tojson');
      const json = pyJsonDumps(
        v,
        true,
        indent === undefined || indent === null ? undefined : Number(indent),
      );
      return new SafeString(
        json
          .replace(/</g, '\\u003c')
          .replace(/>/g, '\\u003e')
          .replace(/&/g, '\\u0026')
          .replace(/'/g, '\\u0027'),
      );
    },
    trim: (v, chars) => pythonMethod(str(v), 'strip')!(chars),
    truncate: (v, ...a) => {
      const [length, killwords, end, leeway] = bind(
        a,
        ['length', 'killwords', 'end', 'leeway'],
        'truncate',
      );
      return truncate(
        str(v),
        length === undefined ? 255 : Number(length),
        truthy(killwords),
        end === undefined ? '...' : str(end),
        leeway === undefined ? 5 : Number(leeway),
      );
    },
    unique: (v, ...a) => {
      const [caseSensitive, attribute] = bind(a, ['case_sensitive', 'attribute'], 'unique');
      const get =
        attribute === undefined || attribute === null ? (x: unknown) => x : attrGetter(attribute);
      const seen: unknown[] = [];
      const out: unknown[] = [];
      for (const x of iterate(v)) {
        const k = lowerIf(caseSensitive)(get(x));
        if (!contains(k, seen)) {
          seen.push(k);
          out.push(x);
        }
      }
      return out;
    },
    upper: (v) => str(v).toUpperCase(),
    urlencode: (v) =>
      isDict(v)
        ? Object.entries(v)
            .map(([k, x]) => `${encodeURIComponent(k)}=${encodeURIComponent(str(x))}`)
            .join('&')
        : encodeURIComponent(str(v)).replace(/%2F/g, '/'),
    wordcount: (v) => (str(v).match(/\w+/g) ?? []).length,
    wordwrap: (v, ...a) => {
      const [width, , wrapstring] = bind(
        a,
        ['width', 'break_long_words', 'wrapstring', 'break_on_hyphens'],
        'wordwrap',
      );
      return wordwrap(
        str(v),
        width === undefined ? 79 : Number(width),
        wrapstring === undefined || wrapstring === null ? '\n' : str(wrapstring),
      );
    },
    xmlattr: (v) =>
      new SafeString(
        Object.entries(v as object)
          .filter(([, x]) => x !== undefined && x !== null)
          .map(([k, x]) => ` ${k}="${escapeHtml(str(x))}"`)
          .join(''),
      ),
    // dbt's own
    as_text: (v) => (v === null || v === undefined ? '' : str(v)),
    as_bool: (v) => v,
    as_number: (v) => v,
    as_native: (v) => v,
  };
  filters.d = filters.default!;
  filters.e = filters.escape!;
  filters.length = filters.count!;
  return filters;
}
