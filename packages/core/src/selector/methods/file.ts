import { fnmatch } from '../fnmatch';
import type { SelectorMethod } from './context';

/** `file:` — fnmatch on the file name (`stg_orders.sql`) or its stem (`stg_orders`). */
export const fileMethod: SelectorMethod = function* (candidates, { value }) {
  for (const node of candidates) {
    const name = node.original_file_path.split(/[\\/]/).pop() ?? '';
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    if (fnmatch(name, value) || fnmatch(stem, value)) yield node.unique_id;
  }
};
