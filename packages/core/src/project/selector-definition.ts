import { TsmodelError } from '../diagnostics';
import type { YamlFile } from '../yaml/yaml-file';
import type { SelectorDefinition } from './types';

type Path = ReadonlyArray<string | number>;
type MethodDefinition = Extract<SelectorDefinition, { method: string }>;

const SET_OPERATORS = ['union', 'intersection', 'exclude'] as const;
const BOOLEAN_FLAGS = ['parents', 'children', 'childrens_parents'] as const;
const DEPTHS = ['parents_depth', 'children_depth'] as const;
const INDIRECT = ['eager', 'cautious', 'buildable', 'empty'] as const;
const METHOD_KEYS = new Set<string>([
  'method',
  'value',
  'exclude',
  'indirect_selection',
  ...BOOLEAN_FLAGS,
  ...DEPTHS,
]);

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks one `definition:` tree of selectors.yml and brings it to the SelectorDefinition shape.
 * Accepts dbt's three spellings: a CLI-style string (`'tag:nightly+'`), the full
 * `{method, value, …}` mapping, and the one-key shorthand `{tag: nightly}`. Problems are
 * appended to `errors` at the offending path; the result is `undefined` when any were found.
 */
export function normaliseSelectorDefinition(
  raw: unknown,
  path: Path,
  yaml: YamlFile,
  errors: TsmodelError[],
): SelectorDefinition | undefined {
  const fail = (message: string, hint?: string, at: Path = path): undefined => {
    const location = yaml.locate(at);
    errors.push(
      new TsmodelError({
        code: 'selector-definition',
        message: `${at.join('.')}: ${message}`,
        location,
        excerpt: yaml.lineText(location.line),
        hint,
      }),
    );
    return undefined;
  };
  if (typeof raw === 'string') return raw.trim() === '' ? fail('empty selector') : raw;
  if (!isMapping(raw)) {
    return fail(
      'expected a selector string or a mapping',
      'write `tag:nightly`, `{method: tag, value: nightly}` or `{union: [...]}`',
    );
  }
  const keys = Object.keys(raw);
  const operator = SET_OPERATORS.find((op) => op in raw);
  if (operator && !('method' in raw)) {
    if (keys.length !== 1) return fail(`'${operator}' must be the only key of its mapping`);
    const items = raw[operator];
    if (!Array.isArray(items) || items.length === 0) {
      return fail(`'${operator}' expects a non-empty list of definitions`, undefined, [
        ...path,
        operator,
      ]);
    }
    const children = items.map((item, i) =>
      normaliseSelectorDefinition(item, [...path, operator, i], yaml, errors),
    );
    if (children.some((c) => c === undefined)) return undefined;
    return { [operator]: children as SelectorDefinition[] } as SelectorDefinition;
  }
  if (!('method' in raw)) {
    if (keys.length !== 1) {
      return fail(
        'expected `method:` and `value:`, a one-key `{method: value}` shorthand, or union/intersection/exclude',
      );
    }
    const method = keys[0]!;
    return methodDefinition({ method, value: raw[method] }, path, fail, errors, yaml);
  }
  return methodDefinition(raw, path, fail, errors, yaml);
}

function methodDefinition(
  raw: Record<string, unknown>,
  path: Path,
  fail: (message: string, hint?: string, at?: Path) => undefined,
  errors: TsmodelError[],
  yaml: YamlFile,
): MethodDefinition | undefined {
  const before = errors.length;
  const unknown = Object.keys(raw).filter((k) => !METHOD_KEYS.has(k));
  if (unknown.length > 0)
    fail(`unknown key(s) ${unknown.join(', ')}`, `allowed: ${[...METHOD_KEYS].join(', ')}`);
  if (typeof raw.method !== 'string' || raw.method === '')
    fail('method must be a non-empty string', undefined, [...path, 'method']);
  const value = raw.value;
  if (!['string', 'number', 'boolean'].includes(typeof value)) {
    fail('value must be a string', undefined, [...path, 'value']);
  }
  const result: MethodDefinition = { method: String(raw.method), value: String(value) };
  for (const flag of BOOLEAN_FLAGS) {
    if (raw[flag] === undefined) continue;
    if (typeof raw[flag] !== 'boolean')
      fail(`${flag} must be true or false`, undefined, [...path, flag]);
    else result[flag] = raw[flag];
  }
  for (const depth of DEPTHS) {
    const n = raw[depth];
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
      fail(`${depth} must be a non-negative integer`, undefined, [...path, depth]);
    else result[depth] = n;
  }
  if (raw.indirect_selection !== undefined) {
    const mode = raw.indirect_selection;
    if (typeof mode !== 'string' || !(INDIRECT as readonly string[]).includes(mode)) {
      fail(`indirect_selection must be one of ${INDIRECT.join(', ')}`, undefined, [
        ...path,
        'indirect_selection',
      ]);
    } else result.indirect_selection = mode as MethodDefinition['indirect_selection'];
  }
  if (raw.exclude !== undefined) {
    const items = raw.exclude;
    if (!Array.isArray(items))
      fail("'exclude' expects a list of definitions", undefined, [...path, 'exclude']);
    else {
      const excluded = items.map((item, i) =>
        normaliseSelectorDefinition(item, [...path, 'exclude', i], yaml, errors),
      );
      if (excluded.every((e) => e !== undefined)) result.exclude = excluded as SelectorDefinition[];
    }
  }
  return errors.length > before ? undefined : result;
}
