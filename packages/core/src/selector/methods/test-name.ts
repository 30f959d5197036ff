import { fnmatch } from '../fnmatch';
import type { SelectorMethod } from './context';

/** `test_name:` — generic tests whose test macro (`unique`, `not_null`, …) fnmatches the value. */
export const testNameMethod: SelectorMethod = function* (candidates, { value }) {
  for (const node of candidates) {
    if (
      node.resource_type === 'test' &&
      node.test_metadata &&
      fnmatch(node.test_metadata.name, value)
    ) {
      yield node.unique_id;
    }
  }
};
