/**
 * The lineage page's selector: the CLI's `--select` grammar (core's own parser), evaluated over
 * the graph file with core's own selector methods. A method the graph file cannot answer
 * (`state:`, `result:`, a config key it does not carry, …) is an error saying so, never an
 * empty graph.
 */
import { TsmodelError } from '../diagnostics';
import { Graph } from '../graph/graph';
import type { ManifestNode } from '../manifest/types';
import { collectNeighbors } from '../selector/graph-operators';
import { configMethod } from '../selector/methods/config';
import type { MethodContext, SelectorMethod } from '../selector/methods/context';
import { fileMethod } from '../selector/methods/file';
import { fqnMethod } from '../selector/methods/fqn';
import { packageMethod } from '../selector/methods/package';
import { pathMethod } from '../selector/methods/path';
import { resourceTypeMethod } from '../selector/methods/resource-type';
import { sourceMethod } from '../selector/methods/source';
import { tagMethod } from '../selector/methods/tag';
import { parseSelectionValues } from '../selector/parse';
import type { SelectionSpec } from '../selector/types';
import { DRAWN_TYPES } from './site-nodes';
import { GRAPH_CONFIG_KEYS, type SiteGraph } from './types';

/** The methods the page evaluates: those whose fields the graph file carries. */
const PAGE_METHODS: Readonly<Record<string, SelectorMethod>> = {
  fqn: fqnMethod,
  tag: tagMethod,
  source: sourceMethod,
  path: pathMethod,
  file: fileMethod,
  package: packageMethod,
  config: configMethod,
  resource_type: resourceTypeMethod,
};

/** Why a method the grammar knows cannot be evaluated in the page. */
const NOT_IN_PAGE: Readonly<Record<string, string>> = {
  test_name: 'tests are not drawn in the lineage graph (open a test from search)',
  test_type: 'tests are not drawn in the lineage graph (open a test from search)',
  unit_test: 'unit tests are not drawn in the lineage graph',
  state: 'it compares with an earlier manifest, which the page does not have',
  result: 'it reads run_results.json, which the page does not have',
  source_status: 'it reads sources.json, which the page does not have',
  selector: 'selectors.yml is not part of the site',
  version: 'model versions are not in the graph file',
};

/** A selection over the graph, ready to evaluate many texts against. */
export class PageSelector {
  private readonly graph = new Graph();
  private readonly candidates: ManifestNode[];
  private readonly indexOf = new Map<string, number>();
  private readonly context: MethodContext;

  constructor(
    private readonly site: SiteGraph,
    rootProject: string,
  ) {
    site.nodes.forEach((n, i) => {
      this.indexOf.set(n.unique_id, i);
      this.graph.addNode(n.unique_id);
    });
    for (let e = 0; e + 1 < site.edges.length; e += 2)
      this.graph.addEdge(
        site.nodes[site.edges[e]!]!.unique_id,
        site.nodes[site.edges[e + 1]!]!.unique_id,
      );
    // Graph nodes carry, under the manifest's names, every field the page methods read.
    this.candidates = site.nodes as unknown as ManifestNode[];
    this.context = {
      rootProject,
      get manifest(): never {
        throw new Error('a selector method read the manifest, which the docs page does not have');
      },
      resolveSelector: () => {
        throw notInPage('selector', NOT_IN_PAGE.selector!);
      },
    };
  }

  /**
   * Indexes of the drawn graph nodes `text` selects (every one for blank text); tests take part
   * in the graph operators but are never returned. Throws a {@link TsmodelError} for text that
   * does not parse or that the page cannot evaluate.
   */
  select(text: string): number[] {
    const drawn = (i: number) => DRAWN_TYPES.has(this.site.nodes[i]!.resource_type);
    if (text.trim() === '') return this.site.nodes.map((_, i) => i).filter(drawn);
    const spec = parseSelectionValues([text], { expectExists: false });
    const ids = this.evaluate(spec);
    return [...ids]
      .map((id) => this.indexOf.get(id)!)
      .filter(drawn)
      .sort((a, b) => a - b);
  }

  private evaluate(spec: SelectionSpec): Set<string> {
    if (spec.kind === 'criteria') {
      const method = PAGE_METHODS[spec.method];
      if (!method)
        throw notInPage(spec.method, NOT_IN_PAGE[spec.method] ?? 'the page does not know it');
      if (
        spec.method === 'config' &&
        !(GRAPH_CONFIG_KEYS as readonly string[]).includes(spec.methodArgs.join('.'))
      )
        throw new TsmodelError({
          code: 'selector-not-in-page',
          message: `'${spec.raw}' cannot be evaluated in the page: the graph file carries only config.${GRAPH_CONFIG_KEYS.join(', config.')}`,
          hint: `run \`tsmodel ls --select ${spec.raw}\` to see what it selects`,
        });
      const matched = new Set(method(this.candidates, spec, this.context));
      return new Set([...matched, ...collectNeighbors(this.graph, spec, matched)]);
    }
    const sets = spec.components.map((c) => this.evaluate(c));
    if (sets.length === 0) return new Set();
    const [first, ...rest] = sets;
    if (spec.kind === 'union') return new Set(sets.flatMap((s) => [...s]));
    if (spec.kind === 'intersection')
      return new Set([...first!].filter((id) => rest.every((s) => s.has(id))));
    return new Set([...first!].filter((id) => !rest.some((s) => s.has(id))));
  }
}

function notInPage(method: string, why: string): TsmodelError {
  return new TsmodelError({
    code: 'selector-not-in-page',
    message: `the \`${method}:\` method cannot be evaluated in the page: ${why}`,
    hint: `run \`tsmodel ls --select ${method}:…\` on the command line instead`,
  });
}
