import picomatch from 'picomatch';
import type { SelectorMethod } from './context';

/**
 * `path:` — a glob relative to the project root (a package's nodes: relative to that
 * package's root), matched against the node's file, its YAML patch file and every folder
 * above the file, so `path:models/staging` selects everything inside that folder.
 */
export const pathMethod: SelectorMethod = function* (candidates, { value }) {
  const isMatch = picomatch(normalize(value), { dot: true });
  for (const node of candidates) {
    const file = normalize(node.original_file_path);
    if (isMatch(file) || parentFolders(file).some((folder) => isMatch(folder)))
      yield node.unique_id;
    else if (node.patch_path && isMatch(normalize(stripPackage(node.patch_path))))
      yield node.unique_id;
  }
};

function normalize(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
}

/** dbt writes patch paths as `package://models/schema.yml`. */
function stripPackage(patchPath: string): string {
  const at = patchPath.indexOf('://');
  return at < 0 ? patchPath : patchPath.slice(at + 3);
}

function parentFolders(file: string): string[] {
  const parts = file.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
