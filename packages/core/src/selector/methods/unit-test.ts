import { fnmatch } from '../fnmatch';
import type { SelectorMethod } from './context';

/**
 * `unit_test:` — unit tests by name, or `package.name`, each part fnmatched (dbt's
 * `unit_test:` method).
 */
export const unitTestMethod: SelectorMethod = function* (candidates, { value }) {
  const parts = value.split('.');
  const [pkg, name] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['*', value];
  for (const node of candidates)
    if (
      node.resource_type === 'unit_test' &&
      fnmatch(node.package_name, pkg) &&
      fnmatch(node.name, name)
    )
      yield node.unique_id;
};
