import { TsmodelError } from '../../diagnostics';
import type { SelectorMethod } from './context';

/**
 * `config.<key>[.<key>…]:value` — looks the dotted key up in the node's merged config. Lists
 * match by membership, `true`/`false` match booleans case-insensitively and `severity` is
 * compared case-insensitively (`warn` = `WARN`). Numbers match their decimal text.
 */
export const configMethod: SelectorMethod = function* (candidates, { value, methodArgs, raw }) {
  if (methodArgs.length === 0) {
    throw new TsmodelError({
      code: 'invalid-selector',
      message: `selector '${raw}' does not say which config key to compare`,
      hint: 'name the key after a dot, e.g. `config.materialized:incremental` or `config.meta.owner:data-team`',
    });
  }
  const caseInsensitive = methodArgs.length === 1 && methodArgs[0] === 'severity';
  for (const node of candidates) {
    const found = lookup(node.config, methodArgs);
    if (!found.present) continue;
    const values = Array.isArray(found.value) ? found.value : [found.value];
    if (values.some((v) => scalarMatches(v, value, caseInsensitive))) yield node.unique_id;
  }
};

function lookup(config: unknown, keys: readonly string[]): { present: boolean; value?: unknown } {
  let current: unknown = config;
  for (const key of keys) {
    if (current === null || typeof current !== 'object' || !(key in current))
      return { present: false };
    current = (current as Record<string, unknown>)[key];
  }
  return { present: true, value: current };
}

function scalarMatches(actual: unknown, wanted: string, caseInsensitive: boolean): boolean {
  if (typeof actual === 'boolean') return wanted.toLowerCase() === String(actual);
  if (typeof actual === 'number') return String(actual) === wanted;
  if (typeof actual !== 'string') return false;
  return caseInsensitive ? actual.toLowerCase() === wanted.toLowerCase() : actual === wanted;
}
