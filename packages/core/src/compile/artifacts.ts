import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Manifest, ManifestNode } from '../manifest/types';

/**
 * Writes `target/compiled/<package>/<path>.sql` for every compiled node and
 * `target/manifest.json`. A compiled file whose content is unchanged is not rewritten, so a
 * warm compile of an unchanged project touches one file, and editors and file watchers see
 * only real changes.
 */
export async function writeArtifacts(
  targetDir: string,
  manifest: Manifest,
  targetPath: string,
): Promise<void> {
  const compiledRoot = path.join(targetDir, 'compiled');
  const dirs = new Set<string>();
  const writes: Array<{ file: string; sql: string }> = [];
  for (const node of Object.values(manifest.nodes)) {
    if (node.compiled_code === undefined) continue;
    const rel = compiledRelPath(node);
    node.compiled_path = `${targetPath}/compiled/${node.package_name}/${rel}`;
    const file = path.join(compiledRoot, node.package_name, rel);
    dirs.add(path.dirname(file));
    writes.push({ file, sql: node.compiled_code });
  }
  for (const d of dirs) mkdirSync(d, { recursive: true });
  // Synchronous on purpose: thousands of tiny files go several times faster than through
  // fs/promises' thread-pool round trips.
  for (const { file, sql } of writes) {
    let existing: string | undefined;
    try {
      existing = readFileSync(file, 'utf8');
    } catch {
      existing = undefined;
    }
    if (existing !== sql) writeFileSync(file, sql);
  }
  await writeFile(path.join(targetDir, 'manifest.json'), JSON.stringify(manifest));
}

/** dbt's layout: models at their file path; generic tests under their YAML file's folder. */
function compiledRelPath(node: ManifestNode): string {
  if (node.resource_type === 'test' && node.test_metadata) {
    return `${node.original_file_path}/${node.name}.sql`;
  }
  return node.original_file_path;
}
