import { TsmodelError } from '../../diagnostics';
import { fnmatch } from '../fnmatch';
import type { SelectorMethod } from './context';

/** `source:` — `source_name`, `source_name.table` or `package.source_name.table`, each part fnmatched. */
export const sourceMethod: SelectorMethod = function* (candidates, { value, raw }) {
  const parts = value.split('.');
  if (parts.length > 3) {
    throw new TsmodelError({
      code: 'invalid-selector',
      message: `invalid source selector '${raw}': a source is named by at most three dotted parts`,
      hint: 'use `source:<source_name>`, `source:<source_name>.<table>` or `source:<package>.<source_name>.<table>`',
    });
  }
  const [pkg, source, table] =
    parts.length === 3 ? parts : parts.length === 2 ? ['*', ...parts] : ['*', parts[0]!, '*'];
  for (const node of candidates) {
    if (node.resource_type !== 'source') continue;
    if (
      fnmatch(node.package_name, pkg!) &&
      fnmatch(node.source_name ?? '', source!) &&
      fnmatch(node.name, table!)
    ) {
      yield node.unique_id;
    }
  }
};
