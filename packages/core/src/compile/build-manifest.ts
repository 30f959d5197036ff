import { TsmodelError } from '../diagnostics';
import { Graph } from '../graph/graph';
import type {
  Manifest,
  ManifestNode,
  NodeConfig,
  RelationName,
  ResourceType,
} from '../manifest/types';
import { folderConfig } from '../project/folder-config';
import type { FolderConfigTree, LoadedProject, TargetConfig } from '../project/types';
import { mergeParsedProperties, parsePropertiesFile, patchKey } from '../properties';
import type { GenericTestSpec, NodePatch } from '../properties/types';
import type { RenderCapture } from '../templating/render-capture';
import type { RelationKey } from '../templating/relation-placeholder';
import type { RenderTarget, TemplateEngine } from '../templating/template-engine';
import { adHocRenderer, type AdHocRender } from './ad-hoc-render';
import { DependencyResolver, suggestion } from './dependency-resolver';
import type { DiscoveredFile } from './discover';
import { layerConfig, newNode, sha256 } from './node-factory';
import type { ParseCache } from './parse-cache';
import { RelationNamer } from './relation-naming';
import { SqlFinalizer } from './sql-finalizer';
import { TSMODEL_VERSION } from './version';

export interface BuildManifestInput {
  project: LoadedProject;
  target: TargetConfig;
  engine: TemplateEngine;
  files: DiscoveredFile[];
  cache: ParseCache;
  renderRelation: (rel: RelationName) => string;
  displayPath: (absPath: string) => string;
}

export interface BuildManifestOutput {
  manifest: Manifest;
  graph: Graph;
  problems: TsmodelError[];
  warnings: TsmodelError[];
  finalize: (uniqueId: string, options?: { isIncremental: boolean }) => string;
  /** Renders hooks and inline SQL at run time; see `adHocRenderer`. */
  renderAdHoc: AdHocRender;
}

const KIND_TO_TYPE: Record<string, ResourceType> = {
  model: 'model',
  seed: 'seed',
  singular_test: 'test',
};

/**
 * Files → nodes → resolved dependencies → graph → final SQL. Every problem is collected; the
 * caller throws them together. Rendering goes through the parse cache, so only files whose
 * inputs changed are rendered.
 */
export function buildManifest(input: BuildManifestInput): BuildManifestOutput {
  const { project, target, engine, cache } = input;
  const root = project.root;
  const problems: TsmodelError[] = [];
  const warnings: TsmodelError[] = [];

  const props = mergeParsedProperties(
    input.files
      .filter((f) => f.kind === 'properties')
      .map((f) =>
        parsePropertiesFile({
          packageName: f.packageName,
          rootDir: f.resourceRoot,
          path: f.path,
          text: f.text,
          displayPath: input.displayPath(f.absPath),
        }),
      ),
  );
  problems.push(...props.problems);

  const nodes = new Map<string, ManifestNode>();
  const disabled: ManifestNode[] = [];
  const rendered = new Map<string, string>();
  const captures = new Map<string, RenderCapture>();
  const targets = new Map<string, RenderTarget>();
  const usedPatches = new Set<string>();

  const baseLayers = (
    tree: (p: LoadedProject['root']) => FolderConfigTree,
    pkg: string,
    folders: string[],
    patch?: NodePatch,
  ) => {
    const own = project.projects.get(pkg)!;
    return [
      folderConfig(tree(own), pkg, folders),
      own === root ? undefined : folderConfig(tree(root), pkg, folders),
      patch?.config,
    ];
  };

  // Folder configs are the same for every file of a folder: layer them once per folder.
  type Layered = {
    layers: Array<Record<string, unknown> | undefined>;
    base: NodeConfig;
    hash: string;
  };
  const layered = new Map<string, Layered>();
  const folderLayers = (
    type: ResourceType,
    pkg: string,
    folders: string[],
    patch: NodePatch | undefined,
  ): Layered => {
    const memoKey = patch ? undefined : `${type}|${pkg}|${folders.join('/')}`;
    const memo = memoKey === undefined ? undefined : layered.get(memoKey);
    if (memo) return memo;
    const tree =
      type === 'model'
        ? (p: typeof root) => p.models
        : type === 'seed'
          ? (p: typeof root) => p.seeds
          : (p: typeof root) => p.tests;
    const layers = baseLayers(tree, pkg, folders, patch);
    const base = layerConfig(type, layers);
    const entry = { layers, base, hash: sha256(JSON.stringify(base)) };
    if (memoKey !== undefined) layered.set(memoKey, entry);
    return entry;
  };

  /** Renders through the parse cache; `key` is the text hash plus the base config hash. */
  const render = (
    renderTarget: RenderTarget,
    fileId: string,
    text: string,
    key: string,
  ): { sql: string; capture: RenderCapture } | undefined => {
    const hit = cache.get(fileId, key, renderTarget.packageName);
    if (hit) return hit;
    try {
      const result = engine.render(renderTarget, text, { isIncremental: false, execute: false });
      cache.put(fileId, renderTarget.packageName, {
        key,
        sql: result.sql,
        capture: result.capture,
      });
      return result;
    } catch (err) {
      problems.push(
        err instanceof TsmodelError
          ? err
          : new TsmodelError({ code: 'internal', message: String(err), kind: 'internal' }),
      );
      return undefined;
    }
  };

  const addNode = (
    node: ManifestNode,
    sql: string | undefined,
    capture: RenderCapture | undefined,
    renderTarget?: RenderTarget,
  ) => {
    if (!node.config.enabled) {
      disabled.push(node);
      return;
    }
    const clash = nodes.get(node.unique_id);
    if (clash) {
      problems.push(
        new TsmodelError({
          code: 'duplicate-node',
          message: `two ${node.resource_type}s are named '${node.name}' in package '${node.package_name}': ${clash.original_file_path} and ${node.original_file_path}`,
          location: { file: node.original_file_path },
          node: node.unique_id,
          hint: 'rename one of the files (node names must be unique within a package)',
        }),
      );
      return;
    }
    nodes.set(node.unique_id, node);
    if (sql !== undefined) rendered.set(node.unique_id, sql);
    if (capture) captures.set(node.unique_id, capture);
    if (renderTarget) targets.set(node.unique_id, renderTarget);
  };

  // Models, singular tests and seeds: one node per file.
  for (const f of input.files) {
    const type = KIND_TO_TYPE[f.kind];
    if (!type) continue;
    const pkg = f.packageName;
    const uniqueId = `${type}.${pkg}.${f.stem}`;
    const pk = patchKey(type, pkg, f.stem);
    const patch = props.patches.get(pk);
    if (patch) usedPatches.add(pk);
    const {
      layers,
      base: baseConfig,
      hash: configHash,
    } = folderLayers(type, pkg, f.folders, patch);
    const checksum = sha256(f.text);
    const display = input.displayPath(f.absPath);
    const renderTarget: RenderTarget = {
      uniqueId,
      name: f.stem,
      packageName: pkg,
      resourceType: type,
      file: display,
      baseConfig,
    };
    let sql: string | undefined;
    let capture: RenderCapture | undefined;
    if (type !== 'seed') {
      const out = render(renderTarget, `${pkg}:${f.path}`, f.text, `${checksum}|${configHash}`);
      if (!out) continue;
      ({ sql, capture } = out);
    }
    const node = newNode({
      unique_id: uniqueId,
      resource_type: type,
      name: f.stem,
      package_name: pkg,
      path: [...f.folders, f.path.split('/').pop()!].join('/'),
      original_file_path: f.path,
      fqn: [pkg, ...f.folders, f.stem],
      config: layerConfig(type, [...layers, ...(capture?.configCalls ?? [])]),
      raw_code: type === 'seed' ? undefined : f.text,
      checksum,
    });
    if (type === 'seed') node.seed_file = f.absPath;
    applyPatch(node, patch);
    addNode(node, sql, capture, renderTarget);
  }

  // Generic tests declared in YAML.
  for (const spec of props.tests) {
    const node = testNode(spec, baseLayers);
    const renderTarget: RenderTarget = {
      uniqueId: spec.unique_id,
      name: spec.name,
      packageName: spec.package_name,
      resourceType: 'test',
      file: spec.location.file,
      baseConfig: node.config,
    };
    if (!node.config.enabled) continue;
    const attachedDisabled = disabled.some(
      (d) => d.name === spec.attached.name && spec.attached.kind !== 'source',
    );
    if (attachedDisabled) continue;
    const out = render(
      renderTarget,
      `${spec.package_name}:${spec.unique_id}`,
      spec.raw_code,
      `${node.checksum}|${sha256(JSON.stringify(node.config))}`,
    );
    if (!out) continue;
    node.config = layerConfig('test', [node.config, ...out.capture.configCalls]);
    addNode(node, out.sql, out.capture, renderTarget);
  }

  for (const [key, patch] of props.patches) {
    if (
      usedPatches.has(key) ||
      patch.resource_type === 'macro' ||
      patch.resource_type === 'snapshot'
    )
      continue;
    if (disabled.some((d) => patchKey(d.resource_type, d.package_name, d.name) === key)) continue;
    const pool = [...nodes.values()]
      .filter((n) => n.resource_type === patch.resource_type)
      .map((n) => n.name);
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

  const sources = new Map<string, ManifestNode>();
  for (const s of props.sources) {
    if (!s.config.enabled) continue;
    if (s.relation && s.relation.database === undefined && target.database)
      s.relation = { database: String(target.database), ...s.relation };
    sources.set(s.unique_id, s);
  }

  // Relations: where each model and seed is built.
  const namer = new RelationNamer(engine, target, root.name);
  for (const node of nodes.values()) {
    if (node.resource_type === 'model' || node.resource_type === 'seed') {
      try {
        node.relation = namer.nameFor(targets.get(node.unique_id)!, node.config);
      } catch (err) {
        problems.push(err as TsmodelError);
      }
    }
  }

  // Dependencies.
  const resolver = new DependencyResolver(nodes.values(), sources.values(), disabled, root.name);
  const resolvedKeys = new Map<string, Map<string, ManifestNode>>();
  for (const node of nodes.values()) {
    const capture = captures.get(node.unique_id);
    if (!capture) continue;
    const deps = new Set<string>();
    const keyed = new Map<string, ManifestNode>();
    for (const r of capture.refs) {
      const hit = resolver.resolveRef(node, r.pkg, r.name);
      if (hit instanceof TsmodelError) problems.push(hit);
      else {
        deps.add(hit.unique_id);
        keyed.set(`r|${r.pkg ?? ''}|${r.name}`, hit);
      }
    }
    for (const s of capture.sources) {
      const hit = resolver.resolveSource(node, s.source, s.table);
      if (hit instanceof TsmodelError) problems.push(hit);
      else {
        deps.add(hit.unique_id);
        keyed.set(`s|${s.source}|${s.table}`, hit);
      }
    }
    resolvedKeys.set(node.unique_id, keyed);
    node.depends_on = { nodes: [...deps], macros: capture.macros.map((m) => `macro.${m}`) };
    if (node.resource_type === 'test' && node.test_metadata)
      node.attached_node = attachedNode(keyed);
  }

  const graph = new Graph();
  for (const id of sources.keys()) graph.addNode(id);
  for (const node of nodes.values()) {
    graph.addNode(node.unique_id);
    for (const dep of node.depends_on.nodes) graph.addEdge(dep, node.unique_id);
  }
  const cycle = graph.findCycle();
  if (cycle) {
    const first = nodes.get(cycle[0]!);
    problems.push(
      new TsmodelError({
        code: 'cycle',
        message: `dependency cycle: ${cycle.join(' → ')}`,
        node: cycle[0],
        location: first ? { file: first.original_file_path } : undefined,
        hint: 'remove one of these refs so the models no longer depend on each other',
      }),
    );
  }

  const finalizer = new SqlFinalizer(
    nodes,
    rendered,
    (caller: ManifestNode, key: RelationKey) =>
      key.kind === 'ref'
        ? resolvedKeys.get(caller.unique_id)?.get(`r|${key.pkg ?? ''}|${key.name}`)
        : key.kind === 'source'
          ? resolvedKeys.get(caller.unique_id)?.get(`s|${key.source}|${key.table}`)
          : caller,
    input.renderRelation,
  );
  if (problems.length === 0) {
    for (const node of nodes.values())
      if (rendered.has(node.unique_id)) node.compiled_code = finalizer.finalize(node);
  }

  const manifest: Manifest = {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
      tsmodel_version: TSMODEL_VERSION,
      generated_at: new Date().toISOString(),
      invocation_id: '',
      project_name: root.name,
      adapter_type: target.type,
    },
    nodes: Object.fromEntries(nodes),
    sources: Object.fromEntries(sources),
    macros: Object.fromEntries(
      engine.macros.all().map((m) => [
        `macro.${m.packageName}.${m.name}`,
        {
          unique_id: `macro.${m.packageName}.${m.name}`,
          name: m.name,
          package_name: m.packageName,
          original_file_path: m.path,
          checksum: m.checksum,
        },
      ]),
    ),
    child_map: {},
    parent_map: {},
  };
  for (const id of graph.nodes()) {
    manifest.parent_map[id] = [...graph.parents(id)];
    manifest.child_map[id] = [...graph.children(id)];
  }

  const finalize = (uniqueId: string, options?: { isIncremental: boolean }): string => {
    const node = nodes.get(uniqueId);
    if (!node)
      throw new TsmodelError({
        code: 'unknown-node',
        message: `no node ${uniqueId}`,
        kind: 'internal',
      });
    if (!options?.isIncremental) return node.compiled_code ?? '';
    const out = engine.render(
      targets.get(uniqueId)!,
      node.raw_code ?? '',
      { isIncremental: true, execute: true },
      uniqueId,
    );
    return finalizer.finalize(node, out.sql);
  };

  const renderAdHoc = adHocRenderer({
    engine,
    rootProject: root.name,
    nodes,
    renderedSql: rendered,
    targets,
    resolver,
    renderRelation: input.renderRelation,
  });
  return { manifest, graph, problems, warnings, finalize, renderAdHoc };
}

function applyPatch(node: ManifestNode, patch: NodePatch | undefined): void {
  if (!patch) return;
  node.description = patch.description;
  node.columns = patch.columns;
  node.patch_path = patch.patch_path;
}

function testNode(
  spec: GenericTestSpec,
  baseLayers: (
    tree: (p: LoadedProject['root']) => FolderConfigTree,
    pkg: string,
    folders: string[],
  ) => Array<Record<string, unknown> | undefined>,
): ManifestNode {
  const folders = spec.fqn.slice(1, -1);
  const config = layerConfig('test', [
    ...baseLayers((p) => p.tests, spec.package_name, folders),
    spec.config,
  ]);
  const node = newNode({
    unique_id: spec.unique_id,
    resource_type: 'test',
    name: spec.name,
    package_name: spec.package_name,
    path: `${spec.name}.sql`,
    original_file_path: spec.path,
    fqn: spec.fqn,
    config,
    raw_code: spec.raw_code,
    checksum: sha256(spec.raw_code),
  });
  node.test_metadata = spec.test_metadata;
  node.patch_path = spec.path;
  if (spec.column_name !== undefined) node.column_name = spec.column_name;
  if (spec.description) node.description = spec.description;
  return node;
}

/** The node a generic test checks: the first ref or source its model argument names. */
function attachedNode(keyed: Map<string, ManifestNode>): string | undefined {
  const first = keyed.values().next();
  return first.done ? undefined : first.value.unique_id;
}
