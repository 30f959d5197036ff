import { TsmodelError, type SourceLocation } from '../diagnostics';
import type { ManifestNode, NodeConfig, ResourceType } from '../manifest/types';
import { folderConfig } from '../project/folder-config';
import type { FolderConfigTree, LoadedProject, ProjectConfig } from '../project/types';
import { patchKey } from '../properties';
import type { GenericTestSpec, NodePatch, ParsedProperties } from '../properties/types';
import type { RenderTarget } from '../templating/template-engine';
import { scanBlocks } from './block-scanner';
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
  /** For `{% snapshot %}` blocks: lines of the file above `raw_code`'s first line. */
  lineOffset?: number;
}

const HOOKS = new Set(['pre_hook', 'post_hook', 'pre-hook', 'post-hook']);

const KIND_TO_TYPE: Record<string, ResourceType> = {
  model: 'model',
  seed: 'seed',
  singular_test: 'test',
  analysis: 'analysis',
};

const TREES: Record<string, (p: ProjectConfig) => FolderConfigTree> = {
  model: (p) => p.models,
  seed: (p) => p.seeds,
  test: (p) => p.tests,
  analysis: (p) => p.analyses,
  snapshot: (p) => p.snapshots,
};

/**
 * Plans one node per model, seed, singular test and analysis file, per `{% snapshot %}` block
 * and YAML-defined snapshot, and per YAML generic test. Folder
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
): {
  planned: PlannedNode[];
  usedPatches: Set<string>;
  /** Malformed `{% snapshot %}` blocks. */
  problems: TsmodelError[];
  warnings: TsmodelError[];
} {
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
  const problems: TsmodelError[] = [];
  const warnings: TsmodelError[] = [];
  /** One node from a template (a file, or a block of one): its configs, patch and render job. */
  const planTemplate = (n: {
    type: ResourceType;
    pkg: string;
    name: string;
    /** Folders for project.yml configs (a snapshot's file name is one, as in dbt). */
    configPath: string[];
    fqn: string[];
    path: string;
    originalFilePath: string;
    file: string;
    /** Absent for seeds, which have no template. */
    text?: string;
    /** What renders, when it differs from `text` (line-preserving padding). */
    template?: string;
    fileId: string;
    declaredAt?: SourceLocation;
    lineOffset?: number;
  }) => {
    const pk = patchKey(n.type, n.pkg, n.name);
    const patch = props.patches.get(pk);
    if (patch) usedPatches.add(pk);
    // project.yml may also configure one file by name (`seeds: proj: my_seed: +column_types`).
    const configPath = namesFile(project, n.type, n.pkg, n.configPath, n.name)
      ? [...n.configPath, n.name]
      : n.configPath;
    const { base, hash } = layered(
      n.type,
      n.pkg,
      configPath,
      patch?.config,
      patch ? undefined : `${n.type}|${n.pkg}|${configPath.join('/')}`,
    );
    // A model version's file becomes the version: `model.pkg.dim_customers.v2`, named
    // `dim_customers`, fqn ending `dim_customers, v2`, as dbt names it.
    const version = patch?.version;
    const name = version ? patch.name : n.name;
    const suffix = version ? `.v${String(version.v)}` : '';
    const uniqueId = `${n.type}.${n.pkg}.${name}${suffix}`;
    const target: RenderTarget = {
      uniqueId,
      name,
      packageName: n.pkg,
      resourceType: n.type,
      file: n.file,
      baseConfig: base,
      ...(version ? { version: version.v } : {}),
    };
    const checksum = n.text === undefined ? '' : sha256(n.text);
    const node = newNode({
      unique_id: uniqueId,
      resource_type: n.type,
      name,
      package_name: n.pkg,
      path: n.path,
      original_file_path: n.originalFilePath,
      fqn: version ? [...n.fqn.slice(0, -1), name, `v${String(version.v)}`] : n.fqn,
      config: base,
      raw_code: n.text,
      checksum,
    });
    applyPatch(node, patch);
    const template = n.template ?? n.text;
    const templateHash = n.template === undefined ? checksum : sha256(n.template);
    planned.push({
      node,
      target,
      ...(n.declaredAt ? { declaredAt: n.declaredAt } : {}),
      ...(n.lineOffset ? { lineOffset: n.lineOffset } : {}),
      job:
        template === undefined
          ? undefined
          : // A file that becomes a model version renders as that version (`model.version`).
            { fileId: n.fileId, key: `${templateHash}|${hash}${suffix}`, target, text: template },
    });
    return node;
  };

  for (const f of files) {
    const pkg = f.packageName;
    const fileName = f.path.split('/').pop()!;
    if (f.kind === 'snapshot') {
      const file = displayPath(f.absPath);
      const { blocks, problems: bad } = scanBlocks(f.text, 'snapshot', file);
      problems.push(...bad);
      if (blocks.length === 0 && bad.length === 0) warnings.push(noSnapshotBlock(file));
      for (const block of blocks) {
        planTemplate({
          type: 'snapshot',
          pkg,
          name: block.name,
          configPath: [...f.folders, f.stem],
          fqn: [pkg, ...f.folders, f.stem, block.name],
          path: [...f.folders, fileName].join('/'),
          originalFilePath: f.path,
          file,
          text: block.body,
          // An empty comment spanning the lines above the block keeps error lines the file's.
          template: `{#${'\n'.repeat(block.bodyLine - 1)}#}${block.body}`,
          fileId: `${pkg}:${f.path}#${block.name}`,
          lineOffset: block.bodyLine - 1,
        });
      }
      continue;
    }
    const type = KIND_TO_TYPE[f.kind];
    if (!type) continue;
    const node = planTemplate({
      type,
      pkg,
      name: f.stem,
      configPath: f.folders,
      fqn: [pkg, ...f.folders, f.stem],
      path: [...f.folders, fileName].join('/'),
      originalFilePath: f.path,
      file: displayPath(f.absPath),
      ...(type === 'seed' ? {} : { text: f.text }),
      fileId: `${pkg}:${f.path}`,
    });
    if (type === 'seed') {
      node.checksum = sha256(f.text);
      node.seed_file = f.absPath;
    }
  }

  // dbt 1.9: a `snapshots:` entry with `relation:` is a snapshot of that relation.
  for (const patch of props.patches.values()) {
    if (patch.resource_type !== 'snapshot' || patch.relation === undefined) continue;
    const text = `select * from {{ ${patch.relation} }}`;
    const folders = patch.patch_path.split('/').slice(1, -1);
    planTemplate({
      type: 'snapshot',
      pkg: patch.package_name,
      name: patch.name,
      configPath: folders,
      fqn: [patch.package_name, ...folders, patch.name],
      path: patch.patch_path.split('/').slice(1).join('/'),
      originalFilePath: patch.patch_path,
      file: patch.location.file,
      text,
      fileId: `${patch.package_name}:${patch.patch_path}#${patch.name}`,
      declaredAt: patch.location,
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
  return { planned, usedPatches, problems, warnings };
}

function applyPatch(node: ManifestNode, patch: NodePatch | undefined): void {
  if (!patch) return;
  node.description = patch.description;
  node.columns = patch.columns;
  node.patch_path = patch.patch_path;
  if (patch.governance) Object.assign(node, patch.governance);
  if (patch.time_spine) node.time_spine = patch.time_spine;
  if (patch.version) {
    node.version = patch.version.v;
    node.latest_version = patch.version.latest;
    if (patch.version.deprecationDate !== undefined)
      node.deprecation_date = patch.version.deprecationDate;
  } else if (patch.deprecation_date !== undefined) node.deprecation_date = patch.deprecation_date;
}

/** A .sql file under snapshot-paths that defines no snapshot is most likely a mistake. */
function noSnapshotBlock(file: string): TsmodelError {
  return new TsmodelError({
    code: 'snapshot-without-block',
    message: 'this file in a snapshot folder defines no {% snapshot %} block; it is ignored',
    location: { file },
    hint: 'wrap its select in {% snapshot name %} … {% endsnapshot %}, or move it to a model folder',
  });
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
