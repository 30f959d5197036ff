import { fnmatch } from '../fnmatch';
import type { SelectorMethod } from './context';

/**
 * `unit_test:` — unit tests by name, or `package.name`, each part fnmatched (dbt's
 * `unit_test:` method). A model version's test also answers to its versioned name
 * (`<name>_v<n>`), which is what `ls` prints for it.
 */
export const unitTestMethod: SelectorMethod = function* (candidates, { value }) {
  const parts = value.split('.');
  const [pkg, name] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['*', value];
  for (const node of candidates)
    if (
      node.resource_type === 'unit_test' &&
      fnmatch(node.package_name, pkg) &&
      (fnmatch(node.name, name) ||
        (node.version !== undefined && fnmatch(`${node.name}_v${node.version}`, name)))
    )
      yield node.unique_id;
};
