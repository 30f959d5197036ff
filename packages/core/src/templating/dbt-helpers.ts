import { createHash } from 'node:crypto';
import {
  parse as parseYaml,
  stringify as stringifyYaml,
  type DocumentOptions,
  type ParseOptions,
  type ScalarTag,
  type SchemaOptions,
} from 'yaml';
import { bind, splitKeywords } from './py-args';
import { pyJsonDumps } from './py-json';
import { iterate } from './py-operators';
import { PyTypeError, truthy, tuple } from './py-values';
import { DBT_MODULES } from './dbt-modules';

const PY_TRUE = /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const PY_FALSE = /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;

/** PyYAML's `safe_load`: YAML 1.1, whose booleans include yes/no/on/off but not y/n. */
const PYYAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: (tags) =>
    tags.map((t) =>
      typeof t === 'object' &&
      t.tag === 'tag:yaml.org,2002:bool' &&
      !('collection' in t && t.collection)
        ? ({ ...t, test: t.identify?.(true) ? PY_TRUE : PY_FALSE } as ScalarTag)
        : t,
    ),
};

/**
 * dbt's context helpers with dbt's semantics (dbt-core's context/base.py): `tojson` prints
 * Python's `json.dumps` (", " and ": "), `fromyaml` reads YAML 1.1 (`yes` is true) as PyYAML
 * does, `zip` stops at the shortest list and yields tuples, `set` dedupes, each `*_strict`
 * variant raising where the plain one returns its default.
 */
export function dbtHelpers(fail: (message: string) => never): Record<string, unknown> {
  const orDefault = <T>(f: () => T, dflt: unknown): T | unknown => {
    try {
      return f();
    } catch {
      return dflt;
    }
  };
  const zip = (lists: unknown[]) => {
    const items = lists.map(iterate);
    const n = Math.min(...items.map((l) => l.length));
    return Array.from({ length: items.length ? n : 0 }, (_, i) => tuple(items.map((l) => l[i])));
  };
  return {
    modules: DBT_MODULES,
    fromjson: (...args: unknown[]) => {
      const [s, dflt] = bind(args, ['string', 'default'], 'fromjson');
      return orDefault(() => JSON.parse(String(s)), dflt ?? null);
    },
    tojson: (...args: unknown[]) => {
      const [v, dflt, sortKeys] = bind(args, ['value', 'default', 'sort_keys'], 'tojson');
      return orDefault(() => pyJsonDumps(v, truthy(sortKeys)), dflt ?? null);
    },
    fromyaml: (...args: unknown[]) => {
      const [s, dflt] = bind(args, ['value', 'default'], 'fromyaml');
      return orDefault(() => parseYaml(String(s), PYYAML) ?? null, dflt ?? null);
    },
    toyaml: (...args: unknown[]) => {
      const [v, dflt, sortKeys] = bind(args, ['value', 'default', 'sort_keys'], 'toyaml');
      return orDefault(
        () => stringifyYaml(v, { indentSeq: false, sortMapEntries: truthy(sortKeys) }),
        dflt ?? null,
      );
    },
    set: (...args: unknown[]) => {
      const [v, dflt] = bind(args, ['value', 'default'], 'set');
      return orDefault(() => new Set(iterate(v)), dflt ?? null);
    },
    set_strict: (v: unknown) => {
      try {
        return new Set(iterate(v));
      } catch (err) {
        return fail((err as Error).message);
      }
    },
    zip: (...args: unknown[]) => {
      const { positional, keywords } = splitKeywords(args);
      return orDefault(() => zip(positional), keywords.default ?? null);
    },
    zip_strict: (...args: unknown[]) => {
      try {
        return zip(args);
      } catch (err) {
        return fail((err as Error).message);
      }
    },
    try_or_compiler_error: (message: unknown, fn: unknown, ...args: unknown[]) => {
      if (typeof fn !== 'function') throw new PyTypeError("'func' is not callable");
      try {
        return fn(...args);
      } catch {
        return fail(String(message));
      }
    },
    local_md5: (v: unknown) => createHash('md5').update(String(v), 'utf8').digest('hex'),
  };
}
