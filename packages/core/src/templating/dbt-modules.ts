import { DATETIME_MODULE, PYTZ_MODULE } from './py-datetime';
import { iterate } from './py-operators';
import { RE_MODULE } from './py-re';
import { tuple } from './py-values';

/**
 * dbt's `modules` context member: the Python modules it exposes to templates
 * (`modules.datetime`, `modules.re`, `modules.itertools`, `modules.pytz`), reimplemented to the
 * extent packages use them.
 */
function product(...lists: unknown[]): unknown[] {
  let out: unknown[][] = [[]];
  for (const l of lists.map(iterate)) out = out.flatMap((prefix) => l.map((x) => [...prefix, x]));
  return out.map(tuple);
}

function combinations(items: unknown, r: unknown): unknown[] {
  const pool = iterate(items);
  const n = Number(r);
  const out: unknown[] = [];
  const walk = (start: number, acc: unknown[]) => {
    if (acc.length === n) return void out.push(tuple(acc));
    for (let i = start; i < pool.length; i++) walk(i + 1, [...acc, pool[i]]);
  };
  walk(0, []);
  return out;
}

function permutations(items: unknown, r?: unknown): unknown[] {
  const pool = iterate(items);
  const n = r === undefined || r === null ? pool.length : Number(r);
  const out: unknown[] = [];
  const walk = (used: boolean[], acc: unknown[]) => {
    if (acc.length === n) return void out.push(tuple(acc));
    pool.forEach((x, i) => {
      if (used[i]) return;
      used[i] = true;
      walk(used, [...acc, x]);
      used[i] = false;
    });
  };
  walk([], []);
  return out;
}

const ITERTOOLS_MODULE = {
  product,
  combinations,
  permutations,
  chain: Object.assign((...lists: unknown[]) => lists.flatMap(iterate), {
    from_iterable: (lists: unknown) => iterate(lists).flatMap(iterate),
  }),
};

export const DBT_MODULES = {
  datetime: DATETIME_MODULE,
  re: RE_MODULE,
  itertools: ITERTOOLS_MODULE,
  pytz: PYTZ_MODULE,
};
