import { fnmatch, hasWildcard } from '../fnmatch';
import type { SelectorMethod } from './context';

/**
 * `fqn:` (also any bare name): the node's name, or a dot-prefix of `package.folder….name` with
 * or without the package; from the first segment holding a wildcard, the rest of the dotted
 * FQN is fnmatched. So `staging` picks the folder, but `stg_*` does not reach nested models.
 * Sources are never matched (use `source:`). A model version (fqn ending `dim_customers, v2`)
 * is matched by the model's name (every version), `dim_customers.v2` or `dim_customers_v2`.
 */
export const fqnMethod: SelectorMethod = function* (candidates, { value }) {
  for (const node of candidates) {
    // dbt searches parsed nodes only: `orders` never picks the source table raw.orders.
    if (node.resource_type === 'source') continue;
    const versioned = node.version !== undefined;
    if (fqnMatches(node.fqn, value, versioned) || fqnMatches(node.fqn.slice(1), value, versioned))
      yield node.unique_id;
  }
};

function fqnMatches(fqn: readonly string[], selector: string, versioned: boolean): boolean {
  if (versioned && fqn.length >= 2) {
    const [name, v] = fqn.slice(-2) as [string, string];
    if (selector === name || selector === `${name}.${v}` || selector === `${name}_${v}`)
      return true;
  } else if (fqn.length > 0 && fqn[fqn.length - 1] === selector) return true;
  // Dots inside a segment (e.g. a model named `a.b`) act as separators too.
  const flat = fqn.flatMap((segment) => segment.split('.'));
  const parts = selector.split('.');
  if (parts.length > flat.length) return false;
  for (let i = 0; i < parts.length; i++) {
    if (hasWildcard(parts[i]!)) return fnmatch(flat.slice(i).join('.'), parts.slice(i).join('.'));
    if (parts[i] !== flat[i]) return false;
  }
  return true;
}
