import { invalidChoice } from './choice-error';
import type { SelectorMethod } from './context';

/**
 * `test_type:` — `generic` tests come from a test macro called in YAML (they carry
 * `test_metadata`); `singular` tests are SQL files; `data` is both (dbt 1.8's name for every
 * test that reads built data), `unit` the unit tests. `schema` is dbt's older name for generic.
 */
const KINDS: Record<string, 'generic' | 'singular' | 'data' | 'unit'> = {
  generic: 'generic',
  schema: 'generic',
  singular: 'singular',
  data: 'data',
  unit: 'unit',
};

export const testTypeMethod: SelectorMethod = function* (candidates, { value }) {
  const kind = KINDS[value];
  if (kind === undefined) {
    throw invalidChoice({
      code: 'invalid-selector',
      what: 'test type',
      given: value,
      choices: Object.keys(KINDS),
    });
  }
  for (const node of candidates) {
    if (kind === 'unit') {
      if (node.resource_type === 'unit_test') yield node.unique_id;
      continue;
    }
    if (node.resource_type !== 'test') continue;
    if (kind === 'data' || (node.test_metadata !== undefined) === (kind === 'generic'))
      yield node.unique_id;
  }
};
