import { lineColumnAt, lineOf, type SourceLocation, type TsmodelError } from '../diagnostics';
import type { ManifestNode } from '../manifest/types';
import { unknownConfigKeys, unknownConfigWarning } from '../project/config-keys';

/**
 * Warnings for the keys of `config()` calls that no config of the node's type has, each at
 * the line of the template that first spells the key.
 */
export function unknownConfigCallKeys(
  node: ManifestNode,
  calls: ReadonlyArray<Record<string, unknown>>,
): TsmodelError[] {
  const type = node.resource_type;
  if (calls.length === 0 || (type !== 'model' && type !== 'seed' && type !== 'test')) return [];
  const warnings: TsmodelError[] = [];
  for (const call of calls) {
    for (const key of unknownConfigKeys(type, call)) {
      const code = node.raw_code ?? '';
      const at = code.search(new RegExp(`\\b${key.replace(/[^\w]/g, '\\$&')}\\s*=`));
      const location: SourceLocation =
        at < 0
          ? { file: node.original_file_path }
          : { file: node.original_file_path, ...lineColumnAt(code, at) };
      warnings.push(
        unknownConfigWarning(type, key, location, {
          node: node.unique_id,
          ...(location.line === undefined ? {} : { excerpt: lineOf(code, location.line) }),
        }),
      );
    }
  }
  return warnings;
}
