import { invalidChoice } from './choice-error';
import type { SelectorMethod } from './context';

/**
 * `test_type:` — `generic` tests come from a test macro called in YAML (they carry
 * `test_metadata`); `singular` tests are SQL files. `schema` and `data` are dbt's older names
 * for them. `unit` is accepted for dbt compatibility and matches nothing: tsmodel has no unit tests.
 */
const KINDS: Record<string, 'generic' | 'singular' | 'unit'> = {
  generic: 'generic',
  schema: 'generic',
  singular: 'singular',
  data: 'singular',
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
  if (kind === 'unit') return;
  for (const node of candidates) {
    if (node.resource_type !== 'test') continue;
    if ((node.test_metadata !== undefined) === (kind === 'generic')) yield node.unique_id;
  }
};
