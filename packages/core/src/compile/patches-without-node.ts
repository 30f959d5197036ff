import { TsmodelError } from '../diagnostics';
import type { ManifestNode } from '../manifest/types';
import { patchKey, type NodePatch } from '../properties';
import type { MacroDefinition } from '../templating/macro-registry';
import { suggestion } from './dependency-resolver';

/**
 * A warning, as in dbt, for every properties entry that describes a model, seed, snapshot,
 * analysis or macro that does not exist (`models: - name: ordres`): its docs, configs and
 * tests would otherwise vanish without a word. The closest existing name is suggested.
 */
export function patchesWithoutNode(
  patches: ReadonlyMap<string, NodePatch>,
  usedPatches: ReadonlySet<string>,
  /** Every planned node, disabled ones included (a disabled model's entry is not a typo). */
  nodes: readonly ManifestNode[],
  macros: readonly MacroDefinition[],
): TsmodelError[] {
  const existing = new Set(nodes.map((n) => patchKey(n.resource_type, n.package_name, n.name)));
  for (const m of macros) existing.add(patchKey('macro', m.packageName, m.name));
  const warnings: TsmodelError[] = [];
  for (const [key, patch] of patches) {
    // A model version without its file is an error of its own (see `versionFileProblems`).
    if (usedPatches.has(key) || existing.has(key) || patch.version) continue;
    const pool =
      patch.resource_type === 'macro'
        ? macros.filter((m) => m.packageName === patch.package_name).map((m) => m.name)
        : nodes.filter((n) => n.resource_type === patch.resource_type).map((n) => n.name);
    warnings.push(
      new TsmodelError({
        code: 'patch-without-node',
        message: `${patch.patch_path} describes ${patch.resource_type} '${patch.name}', which does not exist`,
        location: patch.location,
        hint:
          suggestion(patch.name, pool, (s) => `did you mean '${s}'?`) ??
          `create it, or remove the entry`,
      }),
    );
  }
  return warnings;
}
