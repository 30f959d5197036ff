import type { SelectorMethod } from './context';

/** `selector:NAME` — whatever the named selector from selectors.yml selects. */
export const selectorMethod: SelectorMethod = function* (candidates, { value }, ctx) {
  const chosen = ctx.resolveSelector(value);
  for (const node of candidates) if (chosen.has(node.unique_id)) yield node.unique_id;
};
