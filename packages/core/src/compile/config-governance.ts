import { TsmodelError } from '../diagnostics';
import type { ManifestNode } from '../manifest/types';

const ACCESS = ['private', 'protected', 'public'];

/**
 * dbt copies a model's `access` and `group` configs (`config: {access: public}`, `+access:` in
 * dbt_project.yml, `{{ config(access=…) }}`) onto the node, where the manifest and the `graph`
 * variable show them (dbt-project-evaluator reads `node.access`). A top-level `access:`/`group:`
 * of the YAML entry wins, as in dbt, whose patch is applied after the config.
 */
export function applyConfigGovernance(node: ManifestNode): TsmodelError | undefined {
  const { access, group } = node.config;
  if (typeof group === 'string' && group !== '' && node.group === undefined) node.group = group;
  if (node.resource_type !== 'model' || access === undefined || access === null || access === '')
    return undefined;
  if (typeof access !== 'string' || !ACCESS.includes(access))
    return new TsmodelError({
      code: 'invalid-access',
      message: `model '${node.name}' has access ${JSON.stringify(access)}, which is not one of ${ACCESS.join(', ')}`,
      location: { file: node.patch_path ?? node.original_file_path },
      node: node.unique_id,
      hint: 'set access to private, protected or public (protected is the default)',
    });
  node.access ??= access;
  return undefined;
}
