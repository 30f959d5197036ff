import { fnmatch } from '../fnmatch';
import type { SelectorMethod } from './context';

/** `tag:` — any of the node's tags fnmatches the value. */
export const tagMethod: SelectorMethod = function* (candidates, { value }) {
  for (const node of candidates) {
    const tags = new Set([...node.tags, ...(node.config?.tags ?? [])]);
    if ([...tags].some((tag) => fnmatch(tag, value))) yield node.unique_id;
  }
};
