import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Manifest, ManifestNode } from '../manifest/types';

/** What was last written under `compiled/`, so unchanged files are neither read nor rewritten. */
const INDEX_FILE = 'compiled_index.json';

/**
 * Writes `target/compiled/<package>/<path>.sql` for every compiled node and
 * `target/manifest.json`. A compiled file whose content is unchanged since the last compile is
 * not touched, so a warm compile writes one file and editors and watchers see only real
 * changes. Changed files are written synchronously: creating thousands of small files measured
 * faster that way here than through fs/promises' thread pool.
 */
export async function writeArtifacts(
  targetDir: string,
  manifest: Manifest,
  targetPath: string,
  /** False for `parse`: the manifest only, like dbt's. */
  compiledSql = true,
): Promise<void> {
  const compiledRoot = path.join(targetDir, 'compiled');
  const indexFile = path.join(targetDir, INDEX_FILE);
  const previous = existsSync(compiledRoot) ? readIndex(indexFile) : {};
  const index: Record<string, string> = {};
  // targetDir itself: a project of seeds only has no compiled files to create it.
  const dirs = new Set<string>([targetDir]);
  const writes: Array<{ file: string; sql: string }> = [];
  for (const node of Object.values(manifest.nodes)) {
    if (node.compiled_code === undefined || !compiledSql) continue;
    const rel = `${node.package_name}/${compiledRelPath(node)}`;
    node.compiled_path = `${targetPath}/compiled/${rel}`;
    const hash = createHash('sha1').update(node.compiled_code).digest('base64');
    index[rel] = hash;
    if (previous[rel] === hash) continue;
    const file = path.join(compiledRoot, rel);
    dirs.add(path.dirname(file));
    writes.push({ file, sql: node.compiled_code });
  }
  for (const d of dirs) mkdirSync(d, { recursive: true });
  for (const { file, sql } of writes) writeFileSync(file, sql);
  await writeFile(path.join(targetDir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(indexFile, JSON.stringify(index));
}

function readIndex(file: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** dbt's layout: models at their file path; generic tests under their YAML file's folder. */
function compiledRelPath(node: ManifestNode): string {
  if (node.resource_type === 'test' && node.test_metadata) {
    return `${node.original_file_path}/${node.name}.sql`;
  }
  return node.original_file_path;
}
