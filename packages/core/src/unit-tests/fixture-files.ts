import type { DiscoveredFile } from '../compile/discover';
import type { FixtureLookup } from './fixture-rows';

/**
 * The `fixture:` files of each package: `.csv` and `.sql` files under a test path's
 * `fixtures/` folder (subfolders included), found by file name without extension as dbt finds
 * them. Read only when a unit test names one.
 */
export function fixtureLookups(
  files: readonly DiscoveredFile[],
  displayPath: (absPath: string) => string,
): (packageName: string) => FixtureLookup {
  const byKey = new Map<string, DiscoveredFile>();
  for (const f of files) {
    if (f.kind !== 'fixture') continue;
    const ext = f.path.slice(f.path.lastIndexOf('.') + 1);
    const key = `${f.packageName}\u0000${f.stem}\u0000${ext}`;
    if (!byKey.has(key)) byKey.set(key, f);
  }
  return (packageName) => (name, extension) => {
    const file = byKey.get(`${packageName}\u0000${name}\u0000${extension}`);
    return file ? { path: displayPath(file.absPath), text: file.text } : undefined;
  };
}
