import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { ProjectConfig } from '../project/types';

export type DiscoveredKind = 'model' | 'macro' | 'seed' | 'singular_test' | 'properties';

/** One file of a project, read once; everything downstream works from these. */
export interface DiscoveredFile {
  kind: DiscoveredKind;
  packageName: string;
  /** Absolute path. */
  absPath: string;
  /** Relative to the package root, `/`-separated: `models/staging/a.sql`. */
  path: string;
  /** The resource folder it was found under (`models`), relative to the package root. */
  resourceRoot: string;
  /** Folders between the resource root and the file: `['staging']`. */
  folders: string[];
  /** File name without extension: the node name. */
  stem: string;
  /** File text (for seeds only hashed: the adapter loads the CSV itself). */
  text: string;
}

const PATTERNS: Record<DiscoveredKind, string[]> = {
  model: ['**/*.sql'],
  macro: ['**/*.sql'],
  seed: ['**/*.csv'],
  singular_test: ['**/*.sql'],
  properties: ['**/*.yml', '**/*.yaml'],
};

/**
 * Finds every model, macro, seed, singular test and properties file of one project. Globs run
 * concurrently; see below for why the reads are synchronous.
 */
export async function discoverProjectFiles(project: ProjectConfig): Promise<DiscoveredFile[]> {
  const jobs: Array<Promise<DiscoveredFile[]>> = [];
  const add = (kind: DiscoveredKind, roots: string[]) => {
    for (const root of roots) jobs.push(discoverUnder(project, kind, root));
  };
  add('model', project.modelPaths);
  add('macro', project.macroPaths);
  add('seed', project.seedPaths);
  add('singular_test', project.testPaths);
  add('properties', [
    ...new Set([
      ...project.modelPaths,
      ...project.seedPaths,
      ...project.snapshotPaths,
      ...project.testPaths,
      ...project.macroPaths,
    ]),
  ]);
  return (await Promise.all(jobs)).flat();
}

async function discoverUnder(
  project: ProjectConfig,
  kind: DiscoveredKind,
  resourceRoot: string,
): Promise<DiscoveredFile[]> {
  const rootAbs = path.resolve(project.rootDir, resourceRoot);
  const rels = await glob(PATTERNS[kind], {
    cwd: rootAbs,
    ignore: ['**/node_modules/**', '**/.*/**'],
    onlyFiles: true,
    expandDirectories: false,
  });
  rels.sort();
  const rootRel = toPosix(path.relative(project.rootDir, rootAbs)) || '.';
  // Synchronous reads: for thousands of small files one readFileSync each is several times
  // faster than fs/promises, whose open/stat/read/close each cost a thread-pool round trip.
  return rels.map((rel) => {
    const absPath = path.join(rootAbs, rel);
    const parts = rel.split('/');
    const fileName = parts.pop()!;
    return {
      kind,
      packageName: project.name,
      absPath,
      path: rootRel === '.' ? rel : `${rootRel}/${rel}`,
      resourceRoot: rootRel,
      folders: parts,
      stem: fileName.replace(/\.[^.]+$/, ''),
      text: readFileSync(absPath, 'utf8'),
    };
  });
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
