/**
 * The entry point commands call: options from the command line (and selectors.yml) → the set
 * of unique ids to act on. Commands then keep their own resource types with
 * {@link keepResourceTypes}, like dbt's ResourceTypeSelector.
 */
import { TsmodelError } from '../diagnostics';
import type { Graph } from '../graph/graph';
import { nodeById, type Manifest, type ResourceType } from '../manifest/types';
import { isGraphMember } from '../manifest/blank-model';
import { SelectionEvaluator, nothingSelected } from './evaluate';
import { invalidChoice } from './methods/choice-error';
import { parseSelectionValues } from './parse';
import { INDIRECT_SELECTION_MODES, type SelectionOptions, type SelectionResult } from './types';
import { findDefaultSelector } from './yaml-selectors';

/** What runs when nothing is selected explicitly: every node (sources match `source:*`). */
const DEFAULT_INCLUDES = ['fqn:*', 'source:*'];

export function selectNodes(
  manifest: Manifest,
  graph: Graph,
  options: SelectionOptions,
): SelectionResult {
  const indirectSelection = options.indirectSelection ?? 'eager';
  if (!INDIRECT_SELECTION_MODES.includes(indirectSelection)) {
    throw invalidChoice({
      code: 'invalid-option',
      what: '--indirect-selection mode',
      given: String(indirectSelection),
      choices: INDIRECT_SELECTION_MODES,
    });
  }
  const selectors = options.selectors ?? [];
  const select = options.select?.filter((s) => s.trim() !== '') ?? [];
  const exclude = options.exclude?.filter((s) => s.trim() !== '') ?? [];
  const evaluator = new SelectionEvaluator(manifest, graph, {
    rootProject: options.rootProject,
    state: options.state,
    selectors,
    indirectSelection,
  });

  if (options.selector !== undefined && (select.length > 0 || exclude.length > 0)) {
    throw new TsmodelError({
      code: 'invalid-option',
      message: '--selector cannot be combined with --select or --exclude',
      hint: `add those criteria to the definition of '${options.selector}' in selectors.yml, or drop --selector`,
    });
  }
  const namedName =
    options.selector ??
    (select.length === 0 && exclude.length === 0
      ? findDefaultSelector(selectors)?.name
      : undefined);
  if (namedName !== undefined) {
    const selected = graphMembers(manifest, evaluator.evaluateNamed(namedName));
    const warnings = selected.size === 0 ? [nothingSelected(`the selector '${namedName}'`)] : [];
    return { selected, warnings: [...evaluator.warnings, ...warnings] };
  }

  const included =
    select.length > 0
      ? parseSelectionValues(select, { expectExists: true, indirectSelection })
      : parseSelectionValues(DEFAULT_INCLUDES, { expectExists: false, indirectSelection });
  // Exclusion always expands eagerly: excluding a model excludes every test that touches it.
  const excluded = parseSelectionValues(exclude, {
    expectExists: false,
    indirectSelection: 'eager',
  });
  const { direct } = evaluator.evaluate({
    kind: 'difference',
    raw: [...select, ...exclude.map((e) => `--exclude ${e}`)].join(' '),
    components: [included, excluded],
    indirectSelection,
  });
  return { selected: graphMembers(manifest, direct), warnings: evaluator.warnings };
}

/** As dbt's selector: blank models (and tests attached to them) are never selected. */
function graphMembers(manifest: Manifest, ids: Iterable<string>): Set<string> {
  return new Set([...ids].filter((id) => isGraphMember(manifest, id)));
}

/** The ids among `ids` whose node has one of `types` (e.g. `run` keeps `model`). */
export function keepResourceTypes(
  ids: Iterable<string>,
  manifest: Manifest,
  types: readonly ResourceType[],
): Set<string> {
  const kept = new Set<string>();
  for (const id of ids) {
    const node = nodeById(manifest, id);
    if (node && types.includes(node.resource_type)) kept.add(id);
  }
  return kept;
}
