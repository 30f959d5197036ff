import { TsmodelError } from '../diagnostics';
import type { ManifestNode } from '../manifest/types';
import type { NodePatch } from '../properties';

/**
 * Errors in how a project's model versions meet its files: a declared version whose file
 * (`defined_in`, default `<name>_v<v>`) does not exist — a `ref('m', v=3)` would otherwise
 * fail far from the cause — and an unversioned model named like a versioned one in the same
 * package, which would make `ref('m')` mean two relations.
 */
export function versionFileProblems(
  patches: ReadonlyMap<string, NodePatch>,
  usedPatches: ReadonlySet<string>,
  /** Every planned model, disabled ones included. */
  nodes: readonly ManifestNode[],
): TsmodelError[] {
  const problems: TsmodelError[] = [];
  for (const [key, patch] of patches) {
    if (!patch.version || usedPatches.has(key)) continue;
    const { v, definedIn } = patch.version;
    problems.push(
      new TsmodelError({
        code: 'model-version-without-file',
        message: `version ${String(v)} of model '${patch.name}' has no file: no model file is named ${definedIn}.sql`,
        location: patch.location,
        hint: `create ${definedIn}.sql in the model folders, or point the version at its file with \`defined_in: <file name without .sql>\``,
      }),
    );
  }
  const versioned = new Set(
    nodes.filter((n) => n.version !== undefined).map((n) => `${n.package_name}.${n.name}`),
  );
  for (const node of nodes) {
    if (node.resource_type !== 'model' || node.version !== undefined) continue;
    if (!versioned.has(`${node.package_name}.${node.name}`)) continue;
    problems.push(
      new TsmodelError({
        code: 'duplicate-node',
        message: `model '${node.name}' is versioned in a properties file, but ${node.original_file_path} defines it without a version`,
        location: { file: node.original_file_path },
        node: node.unique_id,
        hint: `make the file one of the versions (\`defined_in: ${node.name}\` on its \`- v:\` entry), or rename it`,
      }),
    );
  }
  return problems;
}
