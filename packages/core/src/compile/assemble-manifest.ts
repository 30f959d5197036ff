import { TsmodelError } from '../diagnostics';
import { Graph } from '../graph/graph';
import type { Manifest, ManifestNode } from '../manifest/types';
import type { MacroDefinition } from '../templating/macro-registry';
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

/** The manifest.json document, in dbt's v12 layout so tools that read dbt's read ours. */
export function assembleManifest(input: {
  rootProject: string;
  adapterType: string;
  nodes: ReadonlyMap<string, ManifestNode>;
  sources: ReadonlyMap<string, ManifestNode>;
  graph: Graph;
  macros: MacroDefinition[];
}): Manifest {
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
        return [
          id,
          {
            unique_id: id,
            name: m.name,
            package_name: m.packageName,
            original_file_path: m.path,
            checksum: m.checksum,
          },
        ];
      }),
    ),
    child_map: {},
    parent_map: {},
  };
  for (const id of input.graph.nodes()) {
    manifest.parent_map[id] = [...input.graph.parents(id)];
    manifest.child_map[id] = [...input.graph.children(id)];
  }
  return manifest;
}
