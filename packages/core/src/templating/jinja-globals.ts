import { splitKeywords } from './py-args';
import { Namespace } from './jinja-runtime';
import { dictKey, iterate } from './py-operators';
import { PyTypeError, isDict, pyStr } from './py-values';

/**
 * Jinja2's global functions: `range`, `dict`, `namespace`, `cycler`, `joiner`, and the Python
 * spellings `True`/`False`/`None` (Jinja's lexer reads them as literals).
 */
export const JINJA_GLOBALS: Record<string, unknown> = {
  True: true,
  False: false,
  None: null,
  none: null,
  range: (...args: unknown[]) => {
    const [a, b, c] = splitKeywords(args).positional.map(Number) as [number, number?, number?];
    const [start, stop, step] = b === undefined ? [0, a, 1] : [a, b, c ?? 1];
    if (step === 0) throw new Error('ValueError: range() arg 3 must not be zero');
    if ([start, stop, step].some((n) => !Number.isInteger(n)))
      throw new PyTypeError('range() integer arguments expected');
    const out: number[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
    if (out.length > 100_000)
      throw new Error('OverflowError: range too big, maximum size is 100000');
    return out;
  },
  dict: (...args: unknown[]) => {
    const { positional, keywords } = splitKeywords(args);
    const d: Record<string, unknown> = {};
    const from = positional[0];
    if (isDict(from)) Object.assign(d, from);
    else if (from !== undefined)
      for (const pair of iterate(from)) {
        const [k, v] = iterate(pair);
        d[dictKey(k)] = v;
      }
    return Object.assign(d, keywords);
  },
  namespace: (...args: unknown[]) => {
    const { positional, keywords } = splitKeywords(args);
    return new Namespace({ ...(isDict(positional[0]) ? positional[0] : {}), ...keywords });
  },
  cycler: (...items: unknown[]) => new Cycler(items),
  joiner: (sep: unknown = ', ') => {
    let used = false;
    return () => {
      if (used) return pyStr(sep);
      used = true;
      return '';
    };
  },
};

/** Jinja's `cycler(...)`: `next()`, `current`, `reset()`. */
class Cycler {
  private pos = 0;
  constructor(private readonly items: unknown[]) {}
  get current(): unknown {
    return this.items[this.pos];
  }
  next(): unknown {
    const v = this.items[this.pos];
    this.pos = (this.pos + 1) % this.items.length;
    return v;
  }
  reset(): null {
    this.pos = 0;
    return null;
  }
}
