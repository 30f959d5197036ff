import { fnmatch } from '../fnmatch';
import type { SelectorMethod } from './context';

/** `package:` — fnmatch on the package name; `package:this` means the root project. */
export const packageMethod: SelectorMethod = function* (candidates, { value }, ctx) {
  const pattern = value === 'this' ? ctx.rootProject : value;
  for (const node of candidates) if (fnmatch(node.package_name, pattern)) yield node.unique_id;
};
