import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { TsmodelError } from '../diagnostics';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Manifest, ManifestNode } from '../manifest/types';
import { writeCompiledFiles } from './compiled-files-writer';

/** What was last written under `compiled/`, so unchanged files are neither read nor rewritten. */
const INDEX_FILE = 'compiled_index.json';

/**
 * Writes `target/compiled/<package>/<path>.sql` for every compiled node and
 * `target/manifest.json`. A compiled file whose content is unchanged since the last compile is
 * not touched, so a warm compile writes one file and editors and watchers see only real
 * changes. Many changed files are written on a second core while this thread serializes the
 * manifest (see compiled-files-writer.ts). The manifest and the index are replaced atomically;
 * the index is removed while compiled files change, so a write that fails half-way never leaves
 * an index vouching for a file it did not finish.
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
  const dirs = new Set<string>();
  const writes: Array<[string, string]> = [];
  for (const node of Object.values(manifest.nodes)) {
    if (node.compiled_code === undefined || !compiledSql) continue;
    const rel = `${node.package_name}/${compiledRelPath(node)}`;
    node.compiled_path = `${targetPath}/compiled/${rel}`;
    const hash = createHash('sha1').update(node.compiled_code).digest('base64');
    index[rel] = hash;
    if (previous[rel] === hash) continue;
    const file = path.join(compiledRoot, rel);
    dirs.add(path.dirname(file));
    writes.push([file, node.compiled_code]);
  }
  try {
    // targetDir itself: a project of seeds only has no compiled files to create it.
    mkdirSync(targetDir, { recursive: true });
    if (writes.length > 0) rmSync(indexFile, { force: true });
    const hint = `make the target path '${targetPath}' writable and free of files in the way, free space on its disk, or choose another with --target-path`;
    const compiledFiles = writeCompiledFiles({ dirs: [...dirs], files: writes });
    // Both settle before anything is thrown, so a failed manifest write never leaves the writer
    // running with its rejection unhandled. The index is written last: it vouches for the files.
    const [files, manifestFile] = await Promise.allSettled([
      compiledFiles,
      writeFileAtomic(path.join(targetDir, 'manifest.json'), JSON.stringify(manifest), hint),
    ]);
    if (files.status === 'rejected') throw files.reason;
    if (manifestFile.status === 'rejected') throw manifestFile.reason;
    await writeFileAtomic(indexFile, JSON.stringify(index), hint);
  } catch (err) {
    throw cannotWrite(err, targetPath);
  }
}

/** A filesystem error writing target/ is the user's to fix (permissions, a file in the way). */
function cannotWrite(err: unknown, targetPath: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (err instanceof TsmodelError || typeof e?.code !== 'string' || typeof e.path !== 'string')
    return err;
  return new TsmodelError({
    code: 'artifact-write-failed',
    // Node's message is `CODE: what, syscall 'path'`; the path is said once, first.
    message: `cannot write ${e.path}: ${e.message.split(',')[0]}`,
    hint: `make the target path '${targetPath}' writable and free of files in the way, or choose another with --target-path`,
    cause: err,
  });
}

function readIndex(file: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * dbt's layout of `compiled/` and `run/`: models at their file path; generic tests under their
 * YAML file's folder.
 */
export function compiledRelPath(node: ManifestNode): string {
  if (node.resource_type === 'test' && node.test_metadata) {
    return `${node.original_file_path}/${node.name}.sql`;
  }
  return node.original_file_path;
}
