import { TsmodelError } from '../../diagnostics';
import { invalidChoice } from './choice-error';
import type { SelectorMethod } from './context';
import { nodeById } from '../../manifest/types';
import { MODIFIED_ASPECTS, isModified, isModifiedIn, type ModifiedAspect } from './state-checks';

const CHECKS = [
  'new',
  'old',
  'modified',
  'unmodified',
  ...MODIFIED_ASPECTS.map((a) => `modified.${a}`),
];

/**
 * `state:` — compares each node with the same unique id in the manifest of an earlier run
 * (`--state DIR`): `new`, `old`, `modified[.aspect]`, `unmodified`.
 */
export const stateMethod: SelectorMethod = function* (candidates, { value }, ctx) {
  const previous = ctx.state?.manifest;
  if (!previous) {
    throw new TsmodelError({
      code: 'missing-state',
      message: 'Got a state selector method, but no comparison manifest',
      hint: 'pass --state DIR with an earlier target/ that holds manifest.json',
    });
  }
  if (!CHECKS.includes(value)) {
    throw invalidChoice({
      code: 'invalid-selector',
      what: 'state check',
      given: value,
      choices: CHECKS,
    });
  }
  const cmp = { current: ctx.manifest, previous };
  for (const node of candidates) {
    const old = nodeById(previous, node.unique_id);
    let hit: boolean;
    if (value === 'new') hit = old === undefined;
    else if (value === 'old') hit = old !== undefined;
    else if (value === 'modified') hit = isModified(node, old, cmp);
    else if (value === 'unmodified') hit = old !== undefined && !isModified(node, old, cmp);
    else hit = isModifiedIn(value.slice('modified.'.length) as ModifiedAspect, node, old, cmp);
    if (hit) yield node.unique_id;
  }
};
