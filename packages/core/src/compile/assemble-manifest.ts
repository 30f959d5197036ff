import { TsmodelError } from '../diagnostics';
import { Graph } from '../graph/graph';
import type {
  DocEntry,
  MacroEntry,
  Manifest,
  ManifestNode,
  PropertiesEntry,
} from '../manifest/types';
import type { NodePatch, ParsedProperties } from '../properties';
import { KEPT_SECTIONS, type KeptSection } from '../properties/schema';
import type { MacroDefinition } from '../templating/macro-registry';
import type { UnitTestNode } from '../unit-tests/types';
import { TSMODEL_VERSION } from './version';

/** The DAG of every node and source; a cycle is reported with its whole path. */
export function dependencyGraph(
  nodes: ReadonlyMap<string, ManifestNode>,
  sources: ReadonlyMap<string, ManifestNode>,
  problems: TsmodelError[],
): Graph {
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
  return graph;
}

/**
 * The manifest.json document, in dbt's v12 layout so tools that read dbt's read ours: nodes,
 * sources, macros (with what `macros:` entries say of them), docs blocks, and the properties
 * sections tsmodel keeps without acting on them.
 */
export function assembleManifest(input: {
  rootProject: string;
  adapterType: string;
  nodes: ReadonlyMap<string, ManifestNode>;
  sources: ReadonlyMap<string, ManifestNode>;
  graph: Graph;
  macros: MacroDefinition[];
  macroPatches: ReadonlyMap<string, NodePatch>;
  docs: ReadonlyMap<string, DocEntry>;
  kept: ParsedProperties['kept'];
  unitTests: ReadonlyMap<string, UnitTestNode>;
}): Manifest {
  const sections = Object.fromEntries(KEPT_SECTIONS.map((s) => [s, {}])) as Record<
    KeptSection,
    Record<string, PropertiesEntry>
  >;
  for (const { section, entry } of input.kept) sections[section][entry.unique_id] = entry;
  const manifest: Manifest = {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
      tsmodel_version: TSMODEL_VERSION,
      generated_at: new Date().toISOString(),
      invocation_id: '',
      project_name: input.rootProject,
      adapter_type: input.adapterType,
    },
    nodes: Object.fromEntries(input.nodes),
    sources: Object.fromEntries(input.sources),
    macros: Object.fromEntries(
      input.macros.map((m) => {
        const id = `macro.${m.packageName}.${m.name}`;
        const patch = input.macroPatches.get(id);
        return [
          id,
          {
            unique_id: id,
            name: m.name,
            package_name: m.packageName,
            original_file_path: m.path,
            checksum: m.checksum,
            ...(patch ? macroDocs(patch) : {}),
          },
        ];
      }),
    ),
    docs: Object.fromEntries(input.docs),
    ...sections,
    unit_tests: Object.fromEntries(input.unitTests),
    child_map: {},
    parent_map: {},
  };
  for (const id of input.graph.nodes()) {
    manifest.parent_map[id] = [...input.graph.parents(id)];
    manifest.child_map[id] = [...input.graph.children(id)];
  }
  return manifest;
}

/** What a `macros:` properties entry says of its macro. */
function macroDocs(patch: NodePatch): Partial<MacroEntry> {
  return {
    description: patch.description,
    arguments: patch.arguments ?? [],
    meta: (patch.config.meta as Record<string, unknown> | undefined) ?? {},
    ...(patch.docs ? { docs: patch.docs } : {}),
    patch_path: patch.patch_path,
  };
}
