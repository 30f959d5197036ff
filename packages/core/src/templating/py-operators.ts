import { percentFormat } from './py-format';
import {
  PyFloat,
  PyTuple,
  pyFloat,
  PyTypeError,
  UndefinedError,
  asString,
  isDict,
  pyEq,
  pyStr,
  tuple,
  typeName,
} from './py-values';

/**
 * Python's operators on template values. The Jinja compiler (jinja-compiler.ts) emits calls to
 * these instead of JavaScript's operators, whose meaning differs: `[1] + [2]` is `"12"` in
 * JavaScript, `'a' * 3` is NaN, `-7 % 3` is -1, `null < 1` is true.
 */

function undefinedOperand(a: unknown, b: unknown, op: string): void {
  if (a === undefined || b === undefined)
    throw new UndefinedError(`an undefined value cannot be an operand of '${op}'`);
}

function unsupported(op: string, a: unknown, b: unknown): never {
  throw new PyTypeError(
    `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`,
  );
}

const isNum = (v: unknown): v is number | boolean | PyFloat =>
  typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;

/** A numeric result: a float when an operand was one (Python's int/float promotion). */
const num = (n: number, a: unknown, b?: unknown): number | PyFloat =>
  isFloat(a) || isFloat(b) ? pyFloat(n) : n;

const isFloat = (v: unknown) =>
  v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));

const NOT_IMPLEMENTED = Symbol('NotImplemented');

/**
 * A class instance's own operator (`__add__`), else the right operand's reflected one
 * (`__radd__`), as Python tries them: `1 + Decimal('2.5')` is the Decimal's `__radd__`.
 */
function dunder(a: unknown, b: unknown, name: string): unknown {
  const own = (a as Record<string, unknown> | null)?.[`__${name}__`];
  if (typeof own === 'function') return own.call(a, b);
  const reflected = (b as Record<string, unknown> | null)?.[`__r${name}__`];
  if (typeof reflected === 'function') return reflected.call(b, a);
  return NOT_IMPLEMENTED;
}

export function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return num(a + b, a, b);
  undefinedOperand(a, b, '+');
  const sa = asString(a);
  const sb = asString(b);
  if (sa !== undefined && sb !== undefined) return sa + sb;
  if (isNum(a) && isNum(b)) return num(Number(a) + Number(b), a, b);
  if (Array.isArray(a) && Array.isArray(b) && a instanceof PyTuple === b instanceof PyTuple) {
    const joined = [...a, ...b];
    return a instanceof PyTuple ? tuple(joined) : joined;
  }
  const r = dunder(a, b, 'add');
  return r === NOT_IMPLEMENTED ? unsupported('+', a, b) : r;
}

export function sub(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return num(a - b, a, b);
  undefinedOperand(a, b, '-');
  if (isNum(a) && isNum(b)) return num(Number(a) - Number(b), a, b);
  const r = dunder(a, b, 'sub');
  return r === NOT_IMPLEMENTED ? unsupported('-', a, b) : r;
}

export function mul(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return num(a * b, a, b);
  undefinedOperand(a, b, '*');
  if (isNum(a) && isNum(b)) return num(Number(a) * Number(b), a, b);
  const r = dunder(a, b, 'mul');
  if (r !== NOT_IMPLEMENTED) return r;
  const [seq, n] = isNum(a) ? [b, Number(a)] : [a, Number(b)];
  if (!isNum(a) && !isNum(b)) return unsupported('*', a, b);
  if (!Number.isInteger(n)) return unsupported('*', a, b);
  const s = asString(seq);
  if (s !== undefined) return n > 0 ? s.repeat(n) : '';
  if (Array.isArray(seq)) {
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(...seq);
    return seq instanceof PyTuple ? tuple(out) : out;
  }
  return unsupported('*', a, b);
}

function zeroCheck(b: unknown, what: string): void {
  if (isNum(b) && Number(b) === 0) throw new Error(`ZeroDivisionError: ${what}`);
}

export function div(a: unknown, b: unknown): unknown {
  undefinedOperand(a, b, '/');
  if (!isNum(a) || !isNum(b)) {
    const r = dunder(a, b, 'truediv');
    return r === NOT_IMPLEMENTED ? unsupported('/', a, b) : r;
  }
  zeroCheck(b, 'division by zero');
  return pyFloat(Number(a) / Number(b));
}

export function floorDiv(a: unknown, b: unknown): unknown {
  undefinedOperand(a, b, '//');
  if (!isNum(a) || !isNum(b)) return unsupported('//', a, b);
  zeroCheck(b, 'integer division or modulo by zero');
  return num(Math.floor(Number(a) / Number(b)), a, b);
}

/** `%`: Python's modulo (the sign of the divisor) on numbers, printf formatting on strings. */
export function mod(a: unknown, b: unknown): unknown {
  undefinedOperand(a, b, '%');
  const s = asString(a);
  if (s !== undefined) return percentFormat(s, b);
  if (!isNum(a) || !isNum(b)) return unsupported('%', a, b);
  zeroCheck(b, 'integer division or modulo by zero');
  const x = Number(a);
  const y = Number(b);
  const r = x % y;
  return num(r !== 0 && r < 0 !== y < 0 ? r + y : r, a, b);
}

export function pow(a: unknown, b: unknown): unknown {
  undefinedOperand(a, b, '**');
  if (!isNum(a) || !isNum(b)) return unsupported('**', a, b);
  const r = Math.pow(Number(a), Number(b));
  return Number(b) < 0 ? pyFloat(r) : num(r, a, b);
}

export function neg(a: unknown): unknown {
  if (!isNum(a)) throw new PyTypeError(`bad operand type for unary -: '${typeName(a)}'`);
  return num(-Number(a), a);
}

/** `~`: both sides as Python's `str()`. */
export function concat(a: unknown, b: unknown): string {
  return pyStr(a) + pyStr(b);
}

/** Python's `<`, `<=`, `>`, `>=`: numbers with numbers, strings with strings, sequences item by item. */
export function compare(op: string, a: unknown, b: unknown): boolean {
  if (op === '==' || op === '===') return pyEq(a, b);
  if (op === '!=' || op === '!==') return !pyEq(a, b);
  const c = order(a, b, op);
  if (op === '<') return c < 0;
  if (op === '<=') return c <= 0;
  if (op === '>') return c > 0;
  return c >= 0;
}

function order(a: unknown, b: unknown, op: string): number {
  if (isNum(a) && isNum(b)) return Number(a) - Number(b);
  const sa = asString(a);
  const sb = asString(b);
  if (sa !== undefined && sb !== undefined) return sa < sb ? -1 : sa > sb ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEq(a[i], b[i])) return order(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  const cmp = (a as { __cmp__?: (o: unknown) => number } | null)?.__cmp__;
  if (typeof cmp === 'function') return cmp.call(a, b);
  const rcmp = (b as { __cmp__?: (o: unknown) => number } | null)?.__cmp__;
  if (typeof rcmp === 'function') return -rcmp.call(b, a);
  throw new PyTypeError(
    `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`,
  );
}

/** Compiles a chained comparison `a < b < c` (every operand evaluated once, as Python does). */
export function compareChain(first: unknown, ...rest: unknown[]): boolean {
  let left = first;
  for (let i = 0; i < rest.length; i += 2) {
    const right = rest[i + 1];
    if (!compare(rest[i] as string, left, right)) return false;
    left = right;
  }
  return true;
}

/** Python's `item in container`. */
export function contains(item: unknown, container: unknown): boolean {
  if (container === undefined) return false;
  const s = asString(container);
  if (s !== undefined) {
    const i = asString(item);
    if (i === undefined)
      throw new PyTypeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return s.includes(i);
  }
  if (Array.isArray(container)) {
    for (const x of container) if (pyEq(x, item)) return true;
    return false;
  }
  if (isDict(container)) {
    const k = asString(item) ?? (typeof item === 'number' ? String(item) : undefined);
    return k !== undefined && Object.prototype.hasOwnProperty.call(container, k);
  }
  if (container instanceof Set || container instanceof Map) {
    for (const x of container.keys()) if (pyEq(x, item)) return true;
    return false;
  }
  if (container !== null && typeof container === 'object' && Symbol.iterator in container) {
    for (const x of container as Iterable<unknown>) if (pyEq(x, item)) return true;
    return false;
  }
  throw new PyTypeError(`argument of type '${typeName(container)}' is not iterable`);
}

/** What a `for` loop iterates: a list's items, a dict's keys, a string's characters. */
export function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === undefined) return [];
  const s = asString(v);
  if (s !== undefined) return [...s];
  if (isDict(v)) return Object.keys(v);
  if (v !== null && typeof v === 'object' && Symbol.iterator in v)
    return [...(v as Iterable<unknown>)];
  throw new PyTypeError(`'${typeName(v)}' object is not iterable`);
}

/** `a, b = value`: the items of `value`, exactly `n` of them. */
export function unpack(v: unknown, n: number): unknown[] {
  const items = iterate(v === undefined ? undefinedUnpack() : v);
  if (items.length > n) throw new Error(`ValueError: too many values to unpack (expected ${n})`);
  if (items.length < n)
    throw new Error(`ValueError: not enough values to unpack (expected ${n}, got ${items.length})`);
  return items;
}

function undefinedUnpack(): never {
  throw new UndefinedError('cannot unpack an undefined value');
}

/**
 * `x[start:stop:step]` on strings, lists and tuples, and on class instances with the sequence
 * protocol (`__len__` + `__getitem__`), whose slice is a tuple of their values (agate's rows).
 */
export function slice(v: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const s = asString(v);
  const protocol =
    typeof (v as { __len__?: unknown } | null)?.__len__ === 'function' &&
    typeof (v as { __getitem__?: unknown } | null)?.__getitem__ === 'function';
  const seq: unknown[] | undefined =
    s !== undefined ? [...s] : Array.isArray(v) ? v : protocol ? iterate(v) : undefined;
  if (seq === undefined) {
    if (v === undefined) throw new UndefinedError('cannot slice an undefined value');
    throw new PyTypeError(`'${typeName(v)}' object is not subscriptable`);
  }
  const len = seq.length;
  const st = step === undefined || step === null ? 1 : Number(step);
  if (st === 0) throw new Error('ValueError: slice step cannot be zero');
  const bound = (x: unknown, dflt: number, lo: number, hi: number) => {
    if (x === undefined || x === null) return dflt;
    let n = Number(x);
    if (n < 0) n += len;
    return Math.min(Math.max(n, lo), hi);
  };
  const out: unknown[] = [];
  if (st > 0) {
    const a = bound(start, 0, 0, len);
    const b = bound(stop, len, 0, len);
    for (let i = a; i < b; i += st) out.push(seq[i]);
  } else {
    const a = bound(start, len - 1, -1, len - 1);
    const b = bound(stop, -1, -1, len - 1);
    for (let i = a; i > b; i += st) out.push(seq[i]);
  }
  if (s !== undefined) return out.join('');
  return v instanceof PyTuple || protocol ? tuple(out) : out;
}

/** A dict literal whose keys are expressions: `{col: v}` uses the value of `col`. */
export function dict(...pairs: unknown[]): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  for (let i = 0; i < pairs.length; i += 2) d[dictKey(pairs[i])] = pairs[i + 1];
  return d;
}

/** A dict key as JavaScript stores it. */
export function dictKey(k: unknown): string {
  const s = asString(k);
  if (s !== undefined) return s;
  if (typeof k === 'number') return String(k);
  if (k === null || typeof k === 'boolean') return pyStr(k);
  if (k instanceof PyTuple) return pyStr(k);
  // A hashable object (dbt's Relation): keyed by its own hash, as Python keys it.
  const hash = (k as { __hash__?: () => string } | null)?.__hash__;
  if (typeof hash === 'function') return `\u0000${hash.call(k)}`;
  throw new PyTypeError(`unhashable type: '${typeName(k)}'`);
}
