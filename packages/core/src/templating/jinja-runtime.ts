import nunjucks from 'nunjucks';
import { splitKeywords } from './py-args';
import * as ops from './py-operators';
import { isDictMethod, pythonMethod } from './python-members';
import {
  PyTypeError,
  UndefinedError,
  asString,
  isDict,
  pyEq,
  pyFloat,
  pyRepr,
  pyStr,
  truthy,
  tuple,
} from './py-values';

/**
 * The runtime side of jinja-compiler.ts: what the generated code calls as `runtime.py.*`, and
 * nunjucks' own runtime hooks made Pythonic (printing `None`/`True`/lists as Python does,
 * member lookup as Jinja's getattr/getitem).
 */

/** A parameter the call did not pass (distinct from passing an undefined value). */
const MISSING = Symbol('missing');

type Fn = (...args: unknown[]) => unknown;

/** True when `k` on `o` would come from Object's or Function's own machinery. */
function isBuiltinMember(o: object, k: string): boolean {
  for (let p: object | null = o; p; p = Object.getPrototypeOf(p)) {
    if (Object.prototype.hasOwnProperty.call(p, k))
      return p === Object.prototype || p === Function.prototype;
  }
  return false;
}

/** Jinja's `obj.attr`: a method or attribute first, then an item. */
function getattr(obj: unknown, key: unknown): unknown {
  if (obj === undefined)
    throw new UndefinedError(`cannot read '${pyStr(key)}' of an undefined value`);
  if (obj === null) return undefined;
  const k = typeof key === 'string' ? key : String(key);
  if (isDict(obj)) {
    const own = Object.prototype.hasOwnProperty.call(obj, k) ? obj[k] : undefined;
    if (typeof own === 'function') return own;
    if (isDictMethod(k)) return pythonMethod(obj, k);
    return own;
  }
  if (typeof obj === 'string' || Array.isArray(obj) || asString(obj) !== undefined) {
    const method = pythonMethod(obj, k);
    if (method) return method;
    if (typeof key === 'number') return getitem(obj, key);
    // A named tuple's fields (groupby's `grouper` and `list`).
    return Array.isArray(obj) && Object.prototype.hasOwnProperty.call(obj, k) && !/^\d+$/.test(k)
      ? (obj as unknown as Record<string, unknown>)[k]
      : undefined;
  }
  const member = objectMember(obj, k);
  // Jinja falls back to the item: agate's `row.table_name` reads the column.
  return member === undefined ? itemHook(obj, key) : member;
}

/**
 * Python's `__getitem__` of a class instance (agate rows, columns and tables): the item, or
 * undefined when the instance has none for `key` (Python's KeyError/IndexError, which Jinja
 * turns into an undefined value).
 */
function itemHook(obj: unknown, key: unknown): unknown {
  const get = (obj as { __getitem__?: (k: unknown) => unknown } | null)?.__getitem__;
  return typeof get === 'function' ? get.call(obj, key) : undefined;
}

/** Jinja's `obj[key]`: an item first, then a method or attribute. */
function getitem(obj: unknown, key: unknown): unknown {
  if (obj === undefined)
    throw new UndefinedError(`cannot read '${pyStr(key)}' of an undefined value`);
  if (obj === null) return undefined;
  if (Array.isArray(obj) || asString(obj) !== undefined) {
    if (typeof key === 'number' || typeof key === 'boolean') {
      const seq = asString(obj) ?? (obj as unknown[]);
      let i = Number(key);
      if (i < 0) i += seq.length;
      return i >= 0 && i < seq.length ? seq[i] : undefined;
    }
    return typeof key === 'string' ? pythonMethod(obj, key) : undefined;
  }
  if (isDict(obj)) {
    const k = ops.dictKey(key);
    if (Object.prototype.hasOwnProperty.call(obj, k)) return obj[k];
    return isDictMethod(k) ? pythonMethod(obj, k) : undefined;
  }
  const item = itemHook(obj, key);
  return item === undefined ? objectMember(obj, String(key)) : item;
}

/** An attribute of a class instance or function (never Object's own machinery). */
function objectMember(obj: unknown, k: string): unknown {
  if (typeof obj !== 'object' && typeof obj !== 'function') return undefined;
  const o = obj as Record<string, unknown>;
  if (isBuiltinMember(o, k)) return undefined;
  const v = o[k];
  return typeof v === 'function' && !Object.prototype.hasOwnProperty.call(o, k)
    ? (v as Fn).bind(o)
    : v;
}

/** Jinja's `namespace()`: the one object `{% set ns.attr = … %}` may assign to. */
export class Namespace {
  constructor(attrs: Record<string, unknown>) {
    Object.assign(this, attrs);
  }

  __repr__(): string {
    return `<Namespace ${pyRepr({ ...this })}>`;
  }
}

function setattr(obj: unknown, key: unknown, value: unknown): void {
  if (!(obj instanceof Namespace))
    throw new PyTypeError('cannot assign attribute on non-namespace object');
  (obj as unknown as Record<string, unknown>)[String(key)] = value;
}

/** The arguments of `f(a, *args, k=v, **kwargs)` as nunjucks passes them. */
function callArgs(
  positional: unknown[] | null,
  stars: unknown[] | null,
  keywords: Record<string, unknown> | null,
  doubleStars: unknown[] | null,
): unknown[] {
  const args = [...(positional ?? [])];
  for (const s of stars ?? []) args.push(...ops.iterate(s));
  const kw: Record<string, unknown> = { ...(keywords ?? {}) };
  for (const d of doubleStars ?? []) {
    if (!isDict(d)) throw new PyTypeError('argument after ** must be a mapping');
    Object.assign(kw, d);
  }
  delete kw.__keywords;
  if (Object.keys(kw).length > 0) args.push({ ...kw, __keywords: true });
  return args;
}

/** A macro with Jinja's calling convention (see compileMacroFunction in jinja-compiler.ts). */
function makeMacro(
  name: string,
  params: string[],
  catchVarargs: boolean,
  catchKwargs: boolean,
  body: (args: unknown[], varargs: unknown, kwargs: unknown, caller: unknown) => unknown,
): Fn {
  const macro = function (this: unknown, ...callArgs: unknown[]) {
    const { positional, keywords } = splitKeywords(callArgs);
    const args: unknown[] = params.map((_, i) => (i < positional.length ? positional[i] : MISSING));
    if (positional.length > params.length && !catchVarargs)
      throw new PyTypeError(`macro '${name}' takes not more than ${params.length} argument(s)`);
    const varargs = tuple(positional.slice(params.length));
    const kwargs: Record<string, unknown> = {};
    let caller: unknown;
    for (const [k, v] of Object.entries(keywords)) {
      const i = params.indexOf(k);
      if (k === 'caller') caller = v;
      else if (i >= 0) {
        if (args[i] !== MISSING)
          throw new PyTypeError(`macro '${name}' got multiple values for argument '${k}'`);
        args[i] = v;
      } else if (catchKwargs) kwargs[k] = v;
      else throw new PyTypeError(`macro '${name}' takes no keyword argument '${k}'`);
    }
    return body.call(this, args, varargs, kwargs, caller);
  };
  Object.defineProperty(macro, 'name', { value: name });
  return macro;
}

/** Jinja's `loop` object; callable (`loop(children)`) in a recursive loop. */
class Loop {
  index0 = -1;
  private lastChanged: unknown[] | undefined;
  readonly value: unknown;

  constructor(
    private readonly items: unknown[],
    readonly depth0: number,
    recurse: ((items: unknown, depth: number) => unknown) | undefined,
  ) {
    if (!recurse) {
      this.value = this;
      return;
    }
    const fn = (children: unknown) => recurse(children, depth0 + 1);
    for (const key of LOOP_KEYS) {
      Object.defineProperty(fn, key, {
        get: () => {
          const v = (this as unknown as Record<string, unknown>)[key];
          return typeof v === 'function' ? (v as Fn).bind(this) : v;
        },
      });
    }
    this.value = fn;
  }

  at(i: number): void {
    this.index0 = i;
  }
  get index() {
    return this.index0 + 1;
  }
  get revindex() {
    return this.items.length - this.index0;
  }
  get revindex0() {
    return this.items.length - this.index0 - 1;
  }
  get first() {
    return this.index0 === 0;
  }
  get last() {
    return this.index0 === this.items.length - 1;
  }
  get length() {
    return this.items.length;
  }
  get depth() {
    return this.depth0 + 1;
  }
  get previtem() {
    return this.index0 > 0 ? this.items[this.index0 - 1] : undefined;
  }
  get nextitem() {
    return this.index0 + 1 < this.items.length ? this.items[this.index0 + 1] : undefined;
  }
  cycle(...args: unknown[]) {
    if (args.length === 0) throw new PyTypeError('no items for cycling given');
    return args[this.index0 % args.length];
  }
  changed(...args: unknown[]) {
    const { positional } = splitKeywords(args);
    if (this.lastChanged !== undefined && pyEq(tuple(this.lastChanged), tuple(positional)))
      return false;
    this.lastChanged = positional;
    return true;
  }
}

const LOOP_KEYS = [
  'index',
  'index0',
  'revindex',
  'revindex0',
  'first',
  'last',
  'length',
  'depth',
  'depth0',
  'previtem',
  'nextitem',
  'cycle',
  'changed',
];

let installed = false;

/** Installs `runtime.py` and the Pythonic nunjucks runtime hooks, once per process. */
export function installJinjaRuntime(): void {
  if (installed) return;
  installed = true;
  const runtime = (nunjucks as unknown as { runtime: Record<string, unknown> }).runtime;
  runtime.py = {
    ...ops,
    truthy,
    tuple,
    float: pyFloat,
    getattr,
    getitem,
    setattr,
    callArgs,
    makeMacro,
    MISSING,
    Loop,
  };
  runtime.suppressValue = (v: unknown) => (typeof v === 'string' ? v : pyStr(v));
  runtime.memberLookup = getitem;
  runtime.inOperator = (item: unknown, container: unknown) => ops.contains(item, container);
}
