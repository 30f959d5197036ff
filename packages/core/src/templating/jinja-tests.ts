import type nunjucks from 'nunjucks';
import { compare, contains } from './py-operators';
import { PyDecimal } from './py-decimal';
import { PyFloat, PyTuple, SafeString, asString, isDict, isPyMapping, pyEq } from './py-values';

/**
 * Jinja2's built-in tests (`x is none`, `is mapping`, `is divisibleby 3`, `is in [...]`) with
 * Python's types: a bool is a number but not an integer, a string is a sequence, a dict is a
 * mapping and not a sequence. Replaces nunjucks' JavaScript-typed ones.
 */
type Test = (value: unknown, ...args: unknown[]) => boolean;

const isNumber = (v: unknown) =>
  typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat || v instanceof PyDecimal;

/** A class instance with Python's sequence protocol (`__len__` and `__getitem__`: agate's). */
const hasSequenceProtocol = (v: unknown) =>
  typeof (v as { __len__?: unknown } | null)?.__len__ === 'function' &&
  typeof (v as { __getitem__?: unknown } | null)?.__getitem__ === 'function';

const isIterableObject = (v: unknown) =>
  typeof v === 'object' && v !== null && Symbol.iterator in v;

export function createJinjaTests(env: nunjucks.Environment): Record<string, Test> {
  const has = (kind: 'filters' | 'tests', name: unknown) =>
    typeof name === 'string' &&
    name in ((env as unknown as Record<string, Record<string, unknown>>)[kind] ?? {});
  const tests: Record<string, Test> = {
    boolean: (v) => typeof v === 'boolean',
    callable: (v) => typeof v === 'function',
    defined: (v) => v !== undefined,
    undefined: (v) => v === undefined,
    divisibleby: (v, n) => Number(v) % Number(n) === 0,
    eq: (v, o) => pyEq(v, o),
    ne: (v, o) => !pyEq(v, o),
    lt: (v, o) => compare('<', v, o),
    le: (v, o) => compare('<=', v, o),
    gt: (v, o) => compare('>', v, o),
    ge: (v, o) => compare('>=', v, o),
    escaped: (v) => v instanceof SafeString,
    even: (v) => Number(v) % 2 === 0,
    odd: (v) => Math.abs(Number(v) % 2) === 1,
    false: (v) => v === false,
    true: (v) => v === true,
    filter: (v) => has('filters', v),
    test: (v) => has('tests', v),
    float: (v) => v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v)),
    integer: (v) => (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint',
    number: isNumber,
    in: (v, seq) => contains(v, seq),
    iterable: (v) =>
      Array.isArray(v) ||
      asString(v) !== undefined ||
      isDict(v) ||
      v instanceof Set ||
      v instanceof Map ||
      isIterableObject(v),
    lower: (v) => {
      const s = asString(v);
      return s !== undefined && s === s.toLowerCase();
    },
    upper: (v) => {
      const s = asString(v);
      return s !== undefined && s === s.toUpperCase();
    },
    mapping: (v) => isDict(v) || isPyMapping(v),
    none: (v) => v === null,
    sameas: (v, o) => v === o,
    sequence: (v) =>
      Array.isArray(v) ||
      asString(v) !== undefined ||
      isDict(v) ||
      v instanceof PyTuple ||
      hasSequenceProtocol(v),
    string: (v) => asString(v) !== undefined,
  };
  Object.assign(tests, {
    equalto: tests.eq,
    '==': tests.eq,
    '!=': tests.ne,
    lessthan: tests.lt,
    '<': tests.lt,
    '<=': tests.le,
    greaterthan: tests.gt,
    '>': tests.gt,
    '>=': tests.ge,
  });
  return tests;
}
