import { bind } from './py-args';
import { PyTuple, isDict, pyEq, pyRepr, truthy, tuple } from './py-values';

/**
 * agate's `MappedSequence`, the base of its Row and Column and of `table.rows`/`table.columns`:
 * a tuple that can also be indexed by key (`row[0]` and `row['id']`, `table.columns['id']`).
 * Iterating and `in` see the values, not the keys, as in agate (it is a Sequence, not a
 * Mapping: `row is mapping` is false, `row is sequence` true). The runtime reaches these through
 * the `__getitem__`/`__len__`/`__contains__` hooks (jinja-runtime.ts, jinja-tests.ts).
 */
export class MappedSequence<T = unknown> implements Iterable<T> {
  // Private fields, so no column name (`row.load`) is shadowed by the implementation's members.
  readonly #load: () => readonly T[];
  #cache: PyTuple<T> | undefined;

  constructor(
    values: readonly T[] | (() => readonly T[]),
    protected readonly _keys: PyTuple<string> | null = null,
  ) {
    this.#load = typeof values === 'function' ? values : () => values;
  }

  /** The values, as a tuple. */
  values(): PyTuple<T> {
    this.#cache ??= tuple(this.#load());
    return this.#cache;
  }

  /** The keys (column names of a row, row names of a column), or None. */
  keys(): PyTuple<string> | null {
    return this._keys;
  }

  items(): PyTuple<PyTuple<unknown>> {
    const keys = this.requireKeys();
    return tuple(this.values().map((v, i) => tuple<unknown>([keys[i], v])));
  }

  /** agate's `get`: note that a falsy default gives None, as agate's does. */
  get(...args: unknown[]): unknown {
    const [key, dflt] = bind(args, ['key', 'default'], 'get');
    const i = this._keys ? this._keys.indexOf(key as string) : -1;
    if (i >= 0) return this.values()[i];
    return truthy(dflt) ? dflt : null;
  }

  /** The contents as a dict of key → value. */
  dict(): Record<string, unknown> {
    const keys = this.requireKeys();
    const out: Record<string, unknown> = {};
    this.values().forEach((v, i) => (out[keys[i]!] = v));
    return out;
  }

  /** `seq[i]` (not a bool: agate tests `type(key) is int`) or `seq[key]`; undefined if absent. */
  __getitem__(key: unknown): unknown {
    const values = this.values();
    if (typeof key === 'number' && Number.isInteger(key)) {
      const i = key < 0 ? key + values.length : key;
      return i >= 0 && i < values.length ? values[i] : undefined;
    }
    if (!this._keys) return undefined;
    const i = this._keys.findIndex((k) => pyEq(k, key));
    return i >= 0 ? values[i] : undefined;
  }

  __len__(): number {
    return this.values().length;
  }

  __contains__(value: unknown): boolean {
    return this.values().some((v) => pyEq(v, value));
  }

  /** Equal to any sequence with equal values. */
  __eq__(other: unknown): boolean {
    const items = Array.isArray(other)
      ? other
      : other instanceof MappedSequence
        ? other.values()
        : undefined;
    if (!items || isDict(other)) return false;
    const mine = this.values();
    return mine.length === items.length && mine.every((v, i) => pyEq(v, items[i]));
  }

  [Symbol.iterator](): Iterator<T> {
    return this.values()[Symbol.iterator]();
  }

  /** agate's repr: the class and the first five values. */
  __repr__(): string {
    const values = this.values();
    const sample = values.slice(0, 5).map(pyRepr).join(', ');
    return `<agate.${this.className()}: (${sample}${values.length > 5 ? ', ...' : ''})>`;
  }

  protected className(): string {
    return 'MappedSequence';
  }

  private requireKeys(): PyTuple<string> {
    if (!this._keys) throw new Error('KeyError: this sequence has no keys');
    return this._keys;
  }
}

/** agate's Row: values by position or by column name. `row.id` reads the `id` item too. */
export class AgateRow extends MappedSequence {
  protected override className(): string {
    return 'Row';
  }
}
