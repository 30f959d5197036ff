/**
 * Evaluates a {@link SelectionSpec} tree over the graph: per atom, method → graph operators →
 * indirect test selection; then set operations combine the atoms (dbt's
 * `select_nodes_recursively`). Named selectors are evaluated on demand, once each.
 */
import { TsmodelError } from '../diagnostics';
import type { Graph } from '../graph/graph';
import { nodeById, type Manifest, type ManifestNode } from '../manifest/types';
import type { NamedSelector } from '../project/types';
import { collectNeighbors } from './graph-operators';
import { expandSelection, incorporateIndirect, type SelectionBundle } from './indirect';
import { SELECTOR_METHODS, type MethodContext, type SelectorMethodName } from './methods';
import type {
  IndirectSelection,
  PreviousState,
  SelectionCriteria,
  SelectionSetOperation,
  SelectionSpec,
} from './types';
import { findNamedSelector, parseSelectorDefinition } from './yaml-selectors';

export interface EvaluatorOptions {
  rootProject: string;
  state?: PreviousState;
  selectors: readonly NamedSelector[];
  /** Mode for atoms and operations that do not set their own. */
  indirectSelection: IndirectSelection;
}

export class SelectionEvaluator {
  /** `nothing-selected` warnings gathered while evaluating. */
  readonly warnings: TsmodelError[] = [];
  private readonly candidates: ManifestNode[];
  private readonly context: MethodContext;
  private readonly namedResults = new Map<string, Set<string>>();
  private readonly resolving: string[] = [];

  constructor(
    private readonly manifest: Manifest,
    private readonly graph: Graph,
    private readonly options: EvaluatorOptions,
  ) {
    this.candidates = [];
    for (const id of graph.nodes()) {
      const node = nodeById(manifest, id);
      if (node) this.candidates.push(node);
    }
    this.context = {
      manifest,
      rootProject: options.rootProject,
      state: options.state,
      resolveSelector: (name) => this.evaluateNamed(name),
    };
  }

  evaluate(spec: SelectionSpec): SelectionBundle {
    return spec.kind === 'criteria' ? this.evaluateCriteria(spec) : this.evaluateOperation(spec);
  }

  /** What the selectors.yml selector `name` selects; detects selectors that refer to themselves. */
  evaluateNamed(name: string): Set<string> {
    const cached = this.namedResults.get(name);
    if (cached) return cached;
    if (this.resolving.includes(name)) {
      throw new TsmodelError({
        code: 'invalid-selector-definition',
        message: `selector '${name}' refers to itself: ${[...this.resolving, name].join(' → ')}`,
        location: { file: 'selectors.yml' },
        hint: 'remove one of these `selector:` references',
      });
    }
    this.resolving.push(name);
    try {
      const selector = findNamedSelector(this.options.selectors, name);
      const result = this.evaluate(
        parseSelectorDefinition(selector, this.options.indirectSelection),
      ).direct;
      this.namedResults.set(name, result);
      return result;
    } finally {
      this.resolving.pop();
    }
  }

  private evaluateCriteria(criteria: SelectionCriteria): SelectionBundle {
    const method = SELECTOR_METHODS[criteria.method as SelectorMethodName];
    const matched = new Set(method(this.candidates, criteria, this.context));
    const selected = new Set([...matched, ...collectNeighbors(this.graph, criteria, matched)]);
    const mode = criteria.indirectSelection ?? this.options.indirectSelection;
    return expandSelection(this.manifest, this.graph, selected, mode);
  }

  private evaluateOperation(op: SelectionSetOperation): SelectionBundle {
    const bundles = op.components.map((c) => this.evaluate(c));
    const directSets = bundles.map((b) => b.direct);
    const indirect = combine(
      op.kind,
      bundles.map((b) => new Set([...b.direct, ...b.indirect])),
    );
    const mode = op.indirectSelection ?? this.options.indirectSelection;
    const direct = incorporateIndirect(
      this.manifest,
      this.graph,
      combine(op.kind, directSets),
      indirect,
      mode,
    );
    if (op.expectExists && direct.size === 0)
      this.warnings.push(nothingSelected(`the selection '${op.raw}'`));
    return { direct, indirect };
  }
}

function combine(kind: SelectionSetOperation['kind'], sets: Set<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  if (kind === 'union') return new Set(sets.flatMap((s) => [...s]));
  const [first, ...rest] = sets;
  if (kind === 'intersection')
    return new Set([...first!].filter((id) => rest.every((s) => s.has(id))));
  return new Set([...first!].filter((id) => !rest.some((s) => s.has(id))));
}

/** The `nothing-selected` warning; `what` names the selection, e.g. "the selection 'tag:x'". */
export function nothingSelected(what: string): TsmodelError {
  return new TsmodelError({
    code: 'nothing-selected',
    message: `nothing matches ${what}`,
    hint: 'check the spelling of names, tags and paths; `tsmodel ls --select …` shows what a selection picks',
  });
}
