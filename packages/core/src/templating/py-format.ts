import { PyFloat, PyTuple, PyTypeError, isDict, pyRepr, pyStr, typeName } from './py-values';

/**
 * Python's two string-formatting languages, which dbt macros use to build SQL:
 * `'%s = %d' % (col, n)` and `'{}_{name}'.format(x, name=y)`, with widths, fills, precision.
 */

/** `fmt % args`: printf-style formatting (`%s %r %d %i %f %e %g %x %o %%`, `%(key)s`). */
export function percentFormat(fmt: string, args: unknown): string {
  const list = args instanceof PyTuple ? [...args] : [args];
  const mapping = isDict(args) ? args : undefined;
  let i = 0;
  const out = fmt.replace(
    /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g,
    (_m, key: string | undefined, flags: string, width: string, prec: string, conv: string) => {
      if (conv === '%') return '%';
      const next = () => {
        if (i >= list.length) throw new PyTypeError('not enough arguments for format string');
        return list[i++];
      };
      const w = width === '*' ? Number(next()) : width ? Number(width) : undefined;
      const p = prec === '*' ? Number(next()) : prec ? Number(prec) : undefined;
      const value =
        key !== undefined ? mapping?.[key] : mapping && !(args instanceof PyTuple) ? args : next();
      return applySpec(formatValue(value, conv, p, flags), w, flags);
    },
  );
  if (!mapping && i < list.length)
    throw new PyTypeError('not all arguments converted during string formatting');
  return out;
}

function formatValue(v: unknown, conv: string, prec: number | undefined, flags: string): string {
  switch (conv) {
    case 's':
      return prec === undefined ? pyStr(v) : pyStr(v).slice(0, prec);
    case 'r':
    case 'a':
      return pyRepr(v);
    case 'c':
      return typeof v === 'number' ? String.fromCodePoint(v) : pyStr(v);
    default:
      return formatNumber(
        number(v, conv),
        conv,
        prec,
        flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '-',
        flags.includes('#'),
      );
  }
}

function number(v: unknown, conv: string): number {
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat) return Number(v);
  throw new PyTypeError(`%${conv} format: a real number is required, not ${typeName(v)}`);
}

function formatNumber(
  n: number,
  conv: string,
  prec: number | undefined,
  sign: string,
  alt: boolean,
): string {
  let body: string;
  const abs = Math.abs(n);
  switch (conv) {
    case 'd':
    case 'i':
    case 'u':
      body = String(Math.trunc(abs));
      break;
    case 'x':
    case 'X':
      body = (alt ? '0x' : '') + Math.trunc(abs).toString(16);
      if (conv === 'X') body = body.toUpperCase();
      break;
    case 'o':
      body = (alt ? '0o' : '') + Math.trunc(abs).toString(8);
      break;
    case 'e':
    case 'E':
      body = exponent(abs, prec ?? 6);
      if (conv === 'E') body = body.toUpperCase();
      break;
    case 'g':
    case 'G':
      body = general(abs, prec ?? 6, alt);
      if (conv === 'G') body = body.toUpperCase();
      break;
    case '%':
      body = (abs * 100).toFixed(prec ?? 6) + '%';
      break;
    default:
      body = fixed(abs, prec ?? 6);
  }
  const negative = n < 0 || Object.is(n, -0);
  return (negative ? '-' : sign === '-' ? '' : sign) + body;
}

/** `n.toFixed(p)`, except that exact ties round to even, as Python's formatting does (2.25 → 2.2). */
function fixed(n: number, p: number): string {
  const scaled = n * Math.pow(10, p);
  const floor = Math.floor(scaled);
  if (scaled - floor === 0.5 && floor % 2 === 0) return (floor / Math.pow(10, p)).toFixed(p);
  return n.toFixed(p);
}

function exponent(n: number, prec: number): string {
  const [mant, exp] = n.toExponential(prec).split('e') as [string, string];
  const e = Number(exp);
  return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

function general(n: number, prec: number, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (n === 0) return alt ? (0).toFixed(p - 1) : '0';
  const e = Math.floor(Math.log10(n));
  let s: string;
  if (e < -4 || e >= p) s = exponent(n, p - 1);
  else s = n.toFixed(Math.max(p - 1 - e, 0));
  if (alt) return s;
  return s.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
}

/** Width and the `-` / `0` flags of printf. */
function applySpec(s: string, width: number | undefined, flags: string): string {
  if (width === undefined || s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  if (flags.includes('0') && /^[-+ ]?\d/.test(s)) {
    const sign = /^[-+ ]/.test(s) ? s[0]! : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width);
}

/** `fmt.format(*args, **kwargs)`: Python's format mini-language. */
export function strFormat(fmt: string, args: unknown[], kwargs: Record<string, unknown>): string {
  let auto = 0;
  return fmt.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, field: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const [ref, rest] = splitOnce(field!, /[!:]/);
    const conv = rest?.startsWith('!') ? rest[1] : undefined;
    const spec = rest === undefined ? '' : rest.startsWith(':') ? rest.slice(1) : rest.slice(3);
    const path = /^([^.[]*)(.*)$/.exec(ref)!;
    let value: unknown =
      path[1] === ''
        ? args[auto++]
        : /^\d+$/.test(path[1]!)
          ? args[Number(path[1])]
          : kwargs[path[1]!];
    for (const part of path[2]!.matchAll(/\.(\w+)|\[([^\]]+)\]/g)) {
      const key = part[1] ?? part[2]!;
      value = (value as Record<string, unknown>)?.[
        Array.isArray(value) && /^\d+$/.test(key) ? Number(key) : key
      ];
    }
    if (value === undefined && !(path[1]! in kwargs) && args.length <= auto - 1)
      throw new Error(`IndexError: Replacement index ${auto - 1} out of range`);
    const text = conv === 'r' ? pyRepr(value) : undefined;
    return formatSpec(text ?? value, spec);
  });
}

function splitOnce(s: string, sep: RegExp): [string, string | undefined] {
  const m = sep.exec(s);
  return m ? [s.slice(0, m.index), s.slice(m.index)] : [s, undefined];
}

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

/** One replacement field's `format_spec`, e.g. `>10`, `.2f`, `03d`, `,`. */
function formatSpec(value: unknown, spec: string): string {
  if (spec === '') return pyStr(value);
  const m = SPEC.exec(spec);
  if (!m) throw new Error(`ValueError: Invalid format specifier '${spec}'`);
  const [, fillCh, alignCh, sign, alt, zero, width, group, prec, type] = m;
  const isNumber =
    typeof value === 'number' || typeof value === 'boolean' || value instanceof PyFloat;
  let body: string;
  if (value instanceof PyFloat && type === undefined && prec === undefined) {
    body = (sign === '+' && value.value >= 0 ? '+' : '') + pyStr(value);
  } else if (isNumber && type !== 's') {
    const n = Number(value);
    const conv = type ?? (Number.isInteger(n) ? 'd' : 'g');
    const p =
      prec === undefined ? (type ? undefined : Number.isInteger(n) ? undefined : 12) : Number(prec);
    body =
      type === undefined && !Number.isInteger(n) && prec === undefined
        ? (n < 0 ? '-' : sign && sign !== '-' ? sign : '') + String(Math.abs(n))
        : formatNumber(n, conv === 'n' ? 'd' : conv, p, sign ?? '-', !!alt);
    if (group)
      body = body.replace(
        /^([-+ ]?)(\d+)/,
        (_x, s: string, d: string) => s + d.replace(/\B(?=(\d{3})+$)/g, group),
      );
  } else {
    body = pyStr(value);
    if (prec !== undefined) body = body.slice(0, Number(prec));
  }
  const w = width === undefined ? 0 : Number(width);
  if (body.length >= w) return body;
  const fill = fillCh ?? (zero && !alignCh ? '0' : ' ');
  const align = alignCh ?? (zero ? '=' : isNumber ? '>' : '<');
  const pad = w - body.length;
  if (align === '<') return body + fill.repeat(pad);
  if (align === '>') return fill.repeat(pad) + body;
  if (align === '^')
    return fill.repeat(Math.floor(pad / 2)) + body + fill.repeat(Math.ceil(pad / 2));
  const signPart = /^[-+ ]/.test(body) ? body[0]! : '';
  return signPart + fill.repeat(pad) + body.slice(signPart.length);
}
