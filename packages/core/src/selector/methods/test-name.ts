import { fnmatch } from '../fnmatch';
import type { SelectorMethod } from './context';

/**
 * `test_name:` — generic tests whose test macro (`unique`, `not_null`, …) fnmatches the value,
 * and unit tests whose name does (dbt's).
 */
export const testNameMethod: SelectorMethod = function* (candidates, { value }) {
  for (const node of candidates) {
    if (node.resource_type === 'unit_test' && fnmatch(node.name, value)) yield node.unique_id;
    if (
      node.resource_type === 'test' &&
      node.test_metadata &&
      fnmatch(node.test_metadata.name, value)
    ) {
      yield node.unique_id;
    }
  }
};
