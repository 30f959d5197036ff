import nunjucks from 'nunjucks';

/**
 * How Python values live in nunjucks' JavaScript world, and Python's view of them: `None` is
 * `null`, Jinja's Undefined is `undefined`, a dict is a plain object, a list an array, a tuple
 * a `PyTuple` (an array that prints and compares as a tuple), a `Markup` string nunjucks'
 * `SafeString`. Truthiness, equality and printing follow Python, since dbt's templates rely on
 * them: an empty list is false, `[] == []` is true, `{{ none }}` prints `None`.
 */
export class PyTuple<T = unknown> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

/**
 * A Python float whose value is integral (`1.0`, `10 / 2`): JavaScript has one number type, and
 * Python prints these `5.0`, not `5`. Non-integral floats stay plain numbers (they print alike).
 */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toString(): string {
    return Number.isFinite(this.value) && Math.abs(this.value) < 1e16
      ? `${this.value}.0`
      : String(this.value);
  }
}

/** `n` as a Python float: boxed when integral, so it prints `n.0`. */
export function pyFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n === 0 ? 0 : n) : n;
}

/** A tuple of `items` (a fresh array, so the caller's array is not retyped). */
export function tuple<T>(items: Iterable<T>): PyTuple<T> {
  return Object.setPrototypeOf(Array.from(items), PyTuple.prototype) as PyTuple<T>;
}

export const SafeString = (
  nunjucks as unknown as { runtime: { SafeString: new (s: string) => { val: string } } }
).runtime.SafeString;

export function isSafeString(v: unknown): v is { val: string } {
  return v instanceof SafeString;
}

/** A string, or the text of a SafeString (Jinja's Markup is a str); otherwise undefined. */
export function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof SafeString) return v.val;
  return undefined;
}

/**
 * Marks a class instance that Python code sees as a Mapping (dbt's Relation is one:
 * `dbt_utils._is_relation` tests `obj is mapping and obj.get('metadata', {})…`). Such objects
 * answer `is mapping` and provide their own `get`/`keys`/`items`.
 */
export const PY_MAPPING = Symbol.for('tsmodel.pyMapping');

/** True for a class instance marked with {@link PY_MAPPING}. */
export function isPyMapping(v: unknown): boolean {
  return (
    typeof v === 'object' && v !== null && (v as { [PY_MAPPING]?: unknown })[PY_MAPPING] === true
  );
}

/** A Python dict: a plain object (not a class instance, array or function). */
export function isDict(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** nunjucks' trailing keyword-arguments object of a call. */
export function isKeywords(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && (v as { __keywords?: unknown }).__keywords === true;
}

/** Python's `bool(v)`. */
export function truthy(v: unknown): boolean {
  if (!v) return false;
  if (v === true) return true;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof SafeString) return v.val.length > 0;
  if (v instanceof PyFloat) return v.value !== 0;
  if (isDict(v)) {
    for (const _ in v) return true;
    return false;
  }
  if (v instanceof Set || v instanceof Map) return v.size > 0;
  const bool = (v as { __bool__?: () => boolean }).__bool__;
  if (typeof bool === 'function') return bool.call(v);
  const len = (v as { __len__?: () => number }).__len__;
  return typeof len === 'function' ? len.call(v) > 0 : true;
}

/** Python's `str(v)`: what `{{ v }}` prints. Undefined prints nothing. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  if (typeof v === 'number') return numberStr(v);
  if (v instanceof SafeString) return v.val;
  if (v instanceof PyFloat) return v.toString();
  const str = (v as { __str__?: () => string } | null)?.__str__;
  if (typeof str === 'function') return str.call(v);
  return pyRepr(v);
}

/** Python's `repr(v)`: how a value prints inside a list or dict. */
export function pyRepr(v: unknown): string {
  if (v === null) return 'None';
  if (v === undefined) return '';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return stringRepr(v);
  if (typeof v === 'number') return numberStr(v);
  if (v instanceof SafeString) return `Markup(${stringRepr(v.val)})`;
  if (v instanceof PyFloat) return v.toString();
  if (v instanceof PyTuple)
    return v.length === 1 ? `(${pyRepr(v[0])},)` : `(${v.map(pyRepr).join(', ')})`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof Set) return v.size === 0 ? 'set()' : `{${[...v].map(pyRepr).join(', ')}}`;
  if (isDict(v)) {
    const parts: string[] = [];
    for (const k of Object.keys(v)) parts.push(`${pyRepr(k)}: ${pyRepr(v[k])}`);
    return `{${parts.join(', ')}}`;
  }
  const repr = (v as { __repr__?: () => string }).__repr__;
  if (typeof repr === 'function') return repr.call(v);
  return String(v);
}

/** Python's repr of a str: single quotes unless the text holds one and no double quote. */
export function stringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\x7f')
      out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

function numberStr(n: number): string {
  if (Number.isFinite(n)) return Object.is(n, -0) ? '0' : String(n);
  if (Number.isNaN(n)) return 'nan';
  return n > 0 ? 'inf' : '-inf';
}

/**
 * Python's `a == b`: by value for lists, tuples and dicts; `1 != '1'`; a tuple is no list.
 * Class instances answer through `__eq__`, from either side (`1 == Decimal('1')`).
 */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const rightEq = (b as { __eq__?: (o: unknown) => boolean } | null)?.__eq__;
  if (
    typeof rightEq === 'function' &&
    typeof (a as { __eq__?: unknown } | null)?.__eq__ !== 'function'
  )
    return rightEq.call(b, a);
  const sa = asString(a);
  if (sa !== undefined) return sa === asString(b);
  if (typeof a === 'number' || typeof a === 'boolean' || a instanceof PyFloat) {
    return (
      (typeof b === 'number' || typeof b === 'boolean' || b instanceof PyFloat) &&
      Number(a) === Number(b)
    );
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a instanceof PyTuple !== b instanceof PyTuple) return false;
    return a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  }
  if (isDict(a)) {
    if (!isDict(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && pyEq(a[k], b[k]));
  }
  if (a instanceof Set) {
    return b instanceof Set && a.size === b.size && [...a].every((x) => setHas(b, x));
  }
  const eq = (a as { __eq__?: (o: unknown) => boolean } | null)?.__eq__;
  if (typeof eq === 'function') return eq.call(a, b);
  // Jinja's Undefined equals only another Undefined.
  return false;
}

function setHas(s: Set<unknown>, x: unknown): boolean {
  if (s.has(x)) return true;
  for (const y of s) if (pyEq(x, y)) return true;
  return false;
}

/** Python's type name of a value, for error messages. */
export function typeName(v: unknown): string {
  if (v === null) return 'NoneType';
  if (v === undefined) return 'Undefined';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (v instanceof PyFloat) return 'float';
  if (asString(v) !== undefined) return 'str';
  if (v instanceof PyTuple) return 'tuple';
  if (Array.isArray(v)) return 'list';
  if (isDict(v)) return 'dict';
  if (v instanceof Set) return 'set';
  if (typeof v === 'function') return 'function';
  return (v as object).constructor?.name ?? 'object';
}

/** Python's TypeError, as Jinja reports it. */
export class PyTypeError extends Error {
  override name = 'TypeError';
}

/** What Jinja raises for anything done to an Undefined but printing, testing or iterating. */
export class UndefinedError extends Error {
  override name = 'UndefinedError';
}
