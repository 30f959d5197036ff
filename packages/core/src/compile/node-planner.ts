import type { SourceLocation } from '../diagnostics';
import type { ManifestNode, NodeConfig, ResourceType } from '../manifest/types';
import { folderConfig } from '../project/folder-config';
import type { FolderConfigTree, LoadedProject, ProjectConfig } from '../project/types';
import { patchKey } from '../properties';
import type { GenericTestSpec, NodePatch, ParsedProperties } from '../properties/types';
import type { RenderTarget } from '../templating/template-engine';
import type { DiscoveredFile } from './discover';
import { layerConfig, newNode, sha256 } from './node-factory';
import type { RenderJob } from './render-jobs';

type ConfigLayer = Record<string, unknown> | undefined;

/**
 * A node before its template has rendered: everything known from its file, folder configs and
 * YAML. Rendering adds the `config()` calls and dependencies.
 */
export interface PlannedNode {
  node: ManifestNode;
  target: RenderTarget;
  /** Absent for seeds, which have no template. */
  job?: RenderJob;
  /** For generic tests: the node they test, by name, so tests of disabled models drop out. */
  attached?: GenericTestSpec['attached'];
  /** For generic tests: where the YAML declares them; their errors point there. */
  declaredAt?: SourceLocation;
}

const HOOKS = new Set(['pre_hook', 'post_hook', 'pre-hook', 'post-hook']);

const KIND_TO_TYPE: Record<string, ResourceType> = {
  model: 'model',
  seed: 'seed',
  singular_test: 'test',
};

const TREES: Record<string, (p: ProjectConfig) => FolderConfigTree> = {
  model: (p) => p.models,
  seed: (p) => p.seeds,
  test: (p) => p.tests,
};

/**
 * Plans one node per model, seed and singular test file and per YAML generic test. Folder
 * configs come from the package's own project.yml, then the root project's (root wins), then
 * the YAML `config:`; they are layered once per folder, since every file of a folder shares them.
 */
export function planNodes(
  project: LoadedProject,
  files: DiscoveredFile[],
  props: ParsedProperties,
  displayPath: (abs: string) => string,
  /**
   * Renders a templated project.yml config value (`+enabled: "{{ var('x', false) }}"`) for
   * the project that wrote it — dbt renders dbt_project.yml configs the same way.
   */
  renderValue: (template: string, projectName: string) => string,
): { planned: PlannedNode[]; usedPatches: Set<string> } {
  const renderDeep = (value: unknown, projectName: string): unknown => {
    if (typeof value === 'string')
      return value.includes('{') ? nativeValue(renderValue(value, projectName)) : value;
    if (Array.isArray(value)) return value.map((v) => renderDeep(v, projectName));
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, renderDeep(v, projectName)]),
      );
    return value;
  };
  // Hooks stay templates: they render when they run, with `this` and the run's context.
  const renderLayer = (layer: Record<string, unknown>, projectName: string) =>
    Object.fromEntries(
      Object.entries(layer).map(([k, v]) => [k, HOOKS.has(k) ? v : renderDeep(v, projectName)]),
    );
  const root = project.root;
  const usedPatches = new Set<string>();
  const memo = new Map<string, { base: NodeConfig; hash: string }>();

  const layered = (
    type: ResourceType,
    pkg: string,
    folders: string[],
    extra: ConfigLayer,
    memoKey?: string,
  ) => {
    const hit = memoKey === undefined ? undefined : memo.get(memoKey);
    if (hit) return hit;
    const own = project.projects.get(pkg)!;
    const tree = TREES[type]!;
    const layers = [
      renderLayer(folderConfig(tree(own), pkg, folders), own.name),
      own === root ? undefined : renderLayer(folderConfig(tree(root), pkg, folders), root.name),
      extra,
    ];
    const base = layerConfig(type, layers);
    const entry = { base, hash: sha256(JSON.stringify(base)) };
    if (memoKey !== undefined) memo.set(memoKey, entry);
    return entry;
  };

  const planned: PlannedNode[] = [];
  for (const f of files) {
    const type = KIND_TO_TYPE[f.kind];
    if (!type) continue;
    const pkg = f.packageName;
    const pk = patchKey(type, pkg, f.stem);
    const patch = props.patches.get(pk);
    if (patch) usedPatches.add(pk);
    // project.yml may also configure one file by name (`seeds: proj: my_seed: +column_types`).
    const path = namesFile(project, type, pkg, f.folders, f.stem)
      ? [...f.folders, f.stem]
      : f.folders;
    const { base, hash } = layered(
      type,
      pkg,
      path,
      patch?.config,
      patch ? undefined : `${type}|${pkg}|${path.join('/')}`,
    );
    const checksum = sha256(f.text);
    const uniqueId = `${type}.${pkg}.${f.stem}`;
    const target: RenderTarget = {
      uniqueId,
      name: f.stem,
      packageName: pkg,
      resourceType: type,
      file: displayPath(f.absPath),
      baseConfig: base,
    };
    const node = newNode({
      unique_id: uniqueId,
      resource_type: type,
      name: f.stem,
      package_name: pkg,
      path: [...f.folders, f.path.split('/').pop()!].join('/'),
      original_file_path: f.path,
      fqn: [pkg, ...f.folders, f.stem],
      config: base,
      raw_code: type === 'seed' ? undefined : f.text,
      checksum,
    });
    if (type === 'seed') node.seed_file = f.absPath;
    applyPatch(node, patch);
    planned.push({
      node,
      target,
      job:
        type === 'seed'
          ? undefined
          : { fileId: `${pkg}:${f.path}`, key: `${checksum}|${hash}`, target, text: f.text },
    });
  }

  for (const spec of props.tests) {
    const folders = spec.fqn.slice(1, -1);
    const { base, hash } = layered('test', spec.package_name, folders, spec.config);
    const node = newNode({
      unique_id: spec.unique_id,
      resource_type: 'test',
      name: spec.name,
      package_name: spec.package_name,
      path: `${spec.name}.sql`,
      original_file_path: spec.path,
      fqn: spec.fqn,
      config: base,
      raw_code: spec.raw_code,
      checksum: sha256(spec.raw_code),
    });
    node.test_metadata = spec.test_metadata;
    node.patch_path = spec.path;
    if (spec.column_name !== undefined) node.column_name = spec.column_name;
    if (spec.description) node.description = spec.description;
    const target: RenderTarget = {
      uniqueId: spec.unique_id,
      name: spec.name,
      packageName: spec.package_name,
      resourceType: 'test',
      file: spec.location.file,
      baseConfig: base,
    };
    planned.push({
      node,
      target,
      attached: spec.attached,
      declaredAt: spec.location,
      job: {
        fileId: `${spec.package_name}:${spec.unique_id}`,
        key: `${node.checksum}|${hash}`,
        target,
        text: spec.raw_code,
      },
    });
  }
  return { planned, usedPatches };
}

function applyPatch(node: ManifestNode, patch: NodePatch | undefined): void {
  if (!patch) return;
  node.description = patch.description;
  node.columns = patch.columns;
  node.patch_path = patch.patch_path;
}

/** `true`/`false` (any case) become booleans, as Jinja's native rendering of dbt_project.yml does. */
function nativeValue(text: string): unknown {
  const t = text.trim();
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  return t;
}

/** Whether a project.yml (the package's own or the root's) has an entry for this very file. */
function namesFile(
  project: LoadedProject,
  type: ResourceType,
  pkg: string,
  folders: string[],
  stem: string,
): boolean {
  const tree = TREES[type]!;
  const roots = new Set([project.projects.get(pkg)!, project.root]);
  for (const p of roots) {
    let node: FolderConfigTree | undefined = tree(p).children[pkg];
    for (const folder of folders) node = node?.children[folder];
    if (node?.children[stem]) return true;
  }
  return false;
}
