/**
 * selectors.yml: named selection trees. A definition is a CLI-style string, a
 * `union`/`intersection` list (whose one `exclude` entry is subtracted from the rest), or a
 * `method`/`value` criterion with graph flags, its own `indirect_selection` and `exclude`.
 */
import { TsmodelError } from '../diagnostics';
import type { NamedSelector, SelectorDefinition } from '../project/types';
import { invalidChoice } from './methods/choice-error';
import { assertKnownMethod } from './methods';
import { parseSelectionValues } from './parse';
import {
  INDIRECT_SELECTION_MODES,
  type IndirectSelection,
  type SelectionCriteria,
  type SelectionSpec,
} from './types';

const SELECTORS_FILE = 'selectors.yml';

/** The selector called `name`; throws `unknown-selector` listing the defined ones. */
export function findNamedSelector(
  selectors: readonly NamedSelector[],
  name: string,
): NamedSelector {
  const found = selectors.find((s) => s.name === name);
  if (found) return found;
  const names = selectors.map((s) => s.name);
  throw invalidChoice({
    code: 'unknown-selector',
    what: 'selector',
    given: name,
    choices: names,
    hint:
      names.length === 0
        ? 'selectors.yml defines no selectors'
        : `defined in selectors.yml: ${names.join(', ')}`,
  });
}

/** The selector marked `default: true`, if any; more than one is an error. */
export function findDefaultSelector(
  selectors: readonly NamedSelector[],
): NamedSelector | undefined {
  const defaults = selectors.filter((s) => s.default);
  if (defaults.length > 1) {
    throw new TsmodelError({
      code: 'invalid-selector-definition',
      message: `several selectors are marked default: true (${defaults.map((s) => s.name).join(', ')})`,
      location: { file: SELECTORS_FILE },
      hint: 'keep `default: true` on one selector only',
    });
  }
  return defaults[0];
}

/** Parses a named selector's definition; `indirect` is the invocation's mode unless a criterion overrides it. */
export function parseSelectorDefinition(
  selector: NamedSelector,
  indirect: IndirectSelection,
): SelectionSpec {
  const root = selector.definition as unknown;
  if (
    isRecord(root) &&
    ('union' in root || 'intersection' in root) &&
    Object.keys(root).length > 1
  ) {
    throw definitionError(
      selector.name,
      `has more than one key at its root (${Object.keys(root).join(', ')})`,
      "a root definition holds a single 'union' or 'intersection' key; nest the others inside it",
    );
  }
  return parseDefinition(selector.definition, selector.name, indirect);
}

function parseDefinition(
  def: SelectorDefinition,
  name: string,
  indirect: IndirectSelection,
): SelectionSpec {
  if (typeof def === 'string')
    return parseSelectionValues([def], { expectExists: false, indirectSelection: indirect });
  if ('union' in def) return parseSetOperation('union', def.union, name, indirect);
  if ('intersection' in def)
    return parseSetOperation('intersection', def.intersection, name, indirect);
  if ('method' in def) return parseCriterion(def, name, indirect);
  if ('exclude' in def) {
    throw definitionError(
      name,
      "has an 'exclude' outside a union or intersection",
      "put it in the list of a 'union' or 'intersection'",
    );
  }
  throw definitionError(
    name,
    `has an entry that is not a string, union, intersection or method/value: ${JSON.stringify(def)}`,
    'each entry is a selector string, {union: [...]}, {intersection: [...]} or {method: ..., value: ...}',
  );
}

function parseSetOperation(
  kind: 'union' | 'intersection',
  items: SelectorDefinition[],
  name: string,
  indirect: IndirectSelection,
): SelectionSpec {
  if (!Array.isArray(items))
    throw definitionError(
      name,
      `has a '${kind}' that is not a list`,
      `write '${kind}:' followed by a list of definitions`,
    );
  const excludes = items.filter((d) => isRecord(d) && 'exclude' in d) as Array<{
    exclude: SelectorDefinition[];
  }>;
  if (excludes.length > 1) {
    throw definitionError(
      name,
      `has ${excludes.length} 'exclude' entries in one '${kind}'`,
      "merge them into a single 'exclude' list",
    );
  }
  const included = items.filter((d) => !excludes.includes(d as { exclude: SelectorDefinition[] }));
  const op: SelectionSpec = {
    kind,
    raw: `${name}.${kind}`,
    indirectSelection: indirect,
    components: included.map((d) => parseDefinition(d, name, indirect)),
  };
  return withExclusions(op, excludes[0]?.exclude, name, indirect);
}

function parseCriterion(
  def: Extract<SelectorDefinition, { method: string }>,
  name: string,
  indirect: IndirectSelection,
): SelectionSpec {
  const raw = `${def.method}:${String(def.value)}`;
  if (def.value === undefined || def.value === null || String(def.value) === '') {
    throw definitionError(
      name,
      `has method '${def.method}' with no value`,
      "add a 'value:' to search for",
    );
  }
  const [method, ...methodArgs] = String(def.method).split('.');
  assertKnownMethod(method!, raw);
  const mode = def.indirect_selection ?? indirect;
  if (!INDIRECT_SELECTION_MODES.includes(mode)) {
    throw invalidChoice({
      code: 'invalid-selector-definition',
      what: 'indirect_selection',
      given: String(mode),
      choices: INDIRECT_SELECTION_MODES,
      context: name,
    });
  }
  // A depth implies its direction: `parents_depth: 2` alone would otherwise silently do nothing.
  const parents = Boolean(def.parents) || def.parents_depth !== undefined;
  const children = Boolean(def.children) || def.children_depth !== undefined;
  const childrensParents = Boolean(def.childrens_parents);
  if (childrensParents && children) {
    throw definitionError(
      name,
      `combines 'childrens_parents' with 'children' in '${raw}'`,
      "'childrens_parents' already includes every descendant; drop 'children'",
    );
  }
  const criteria: SelectionCriteria = {
    kind: 'criteria',
    raw,
    method: method!,
    methodArgs,
    value: String(def.value),
    childrensParents,
    parents,
    parentsDepth: def.parents_depth,
    children,
    childrenDepth: def.children_depth,
    indirectSelection: mode,
  };
  return withExclusions(criteria, def.exclude, name, indirect);
}

function withExclusions(
  base: SelectionSpec,
  exclude: SelectorDefinition[] | undefined,
  name: string,
  indirect: IndirectSelection,
): SelectionSpec {
  if (exclude === undefined) return base;
  if (!Array.isArray(exclude))
    throw definitionError(
      name,
      "has an 'exclude' that is not a list",
      "write 'exclude:' followed by a list of definitions",
    );
  if (exclude.length === 0) return base;
  const parts = exclude.map((d) => parseDefinition(d, name, indirect));
  const excluded: SelectionSpec =
    parts.length === 1
      ? parts[0]!
      : { kind: 'union', raw: `${name}.exclude`, components: parts, indirectSelection: indirect };
  return {
    kind: 'difference',
    raw: base.raw,
    components: [base, excluded],
    indirectSelection: indirect,
  };
}

function definitionError(name: string, problem: string, hint: string): TsmodelError {
  return new TsmodelError({
    code: 'invalid-selector-definition',
    message: `selector '${name}' ${problem}`,
    location: { file: SELECTORS_FILE },
    hint,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
