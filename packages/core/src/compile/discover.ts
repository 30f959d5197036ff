import { statSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { ProjectConfig } from '../project/types';
import { readUtf8File } from '../utf8-text';

export type DiscoveredKind =
  | 'model'
  | 'macro'
  | 'seed'
  | 'singular_test'
  | 'properties'
  | 'analysis'
  | 'snapshot'
  | 'docs'
  | 'fixture';

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
  /** File text, read on first use (for seeds only hashed: the adapter loads the CSV itself). */
  readonly text: string;
  /** Size and modification time, for the manifest-reuse fingerprint. */
  size: number;
  mtimeMs: number;
}

/** Which kinds of file each resource folder holds, by extension. */
const ROLES: Array<{ paths: (p: ProjectConfig) => string[]; ext: string; kind: DiscoveredKind }> = [
  { paths: (p) => p.modelPaths, ext: 'sql', kind: 'model' },
  { paths: (p) => p.macroPaths, ext: 'sql', kind: 'macro' },
  { paths: (p) => p.seedPaths, ext: 'csv', kind: 'seed' },
  { paths: (p) => p.testPaths, ext: 'sql', kind: 'singular_test' },
  { paths: (p) => p.testPaths, ext: 'csv', kind: 'fixture' },
  { paths: (p) => p.analysisPaths, ext: 'sql', kind: 'analysis' },
  { paths: (p) => p.snapshotPaths, ext: 'sql', kind: 'snapshot' },
  { paths: (p) => p.docsPaths, ext: 'md', kind: 'docs' },
  ...['yml', 'yaml'].flatMap((ext) =>
    [
      (p: ProjectConfig) => p.modelPaths,
      (p: ProjectConfig) => p.seedPaths,
      (p: ProjectConfig) => p.snapshotPaths,
      (p: ProjectConfig) => p.analysisPaths,
      (p: ProjectConfig) => p.testPaths,
      (p: ProjectConfig) => p.macroPaths,
    ].map((paths) => ({ paths, ext, kind: 'properties' as const })),
  ),
];

/**
 * Finds every model, macro, seed, singular test, analysis, snapshot, docs and properties file
 * of one project: one directory walk per resource folder (however many roles it plays), one
 * read per file. `.sql` files under a test folder's `generic/` are macro files (dbt's home for
 * `{% test %}` blocks), not singular tests; `.sql` and `.csv` files under its `fixtures/` are
 * unit test fixtures (dbt's `fixture:` files).
 */
export async function discoverProjectFiles(
  project: ProjectConfig,
  only?: DiscoveredKind,
): Promise<DiscoveredFile[]> {
  const byRoot = new Map<string, Map<string, Set<DiscoveredKind>>>();
  for (const role of ROLES) {
    // Generic tests live under the test folders: a macro-only walk visits them too.
    if (only && role.kind !== only && !(only === 'macro' && role.kind === 'singular_test'))
      continue;
    for (const root of role.paths(project)) {
      let exts = byRoot.get(root);
      if (!exts) byRoot.set(root, (exts = new Map()));
      let kinds = exts.get(role.ext);
      if (!kinds) exts.set(role.ext, (kinds = new Set()));
      kinds.add(role.kind);
    }
  }
  const perRoot = await Promise.all(
    [...byRoot].map(([root, exts]) => discoverUnder(project, root, exts)),
  );
  const all = perRoot.flat();
  return only ? all.filter((f) => f.kind === only) : all;
}

/** Only the macro files of one project: what a render worker needs to rebuild the engine. */
export function discoverMacroFiles(project: ProjectConfig): Promise<DiscoveredFile[]> {
  return discoverProjectFiles(project, 'macro');
}

/** dbt's folder for generic tests inside each test path: `tests/generic/`. */
const GENERIC_TESTS = 'generic';
/** dbt's folder for unit test fixture files inside each test path: `tests/fixtures/`. */
const FIXTURES = 'fixtures';

/** What a file under a test path is, by its first folder there (`generic/`, `fixtures/`). */
function testPathKind(
  kind: DiscoveredKind,
  firstFolder: string | undefined,
): DiscoveredKind | undefined {
  if (kind === 'fixture') return firstFolder === FIXTURES ? 'fixture' : undefined;
  if (kind !== 'singular_test') return kind;
  if (firstFolder === GENERIC_TESTS) return 'macro';
  return firstFolder === FIXTURES ? 'fixture' : kind;
}

async function discoverUnder(
  project: ProjectConfig,
  resourceRoot: string,
  exts: Map<string, Set<DiscoveredKind>>,
): Promise<DiscoveredFile[]> {
  const rootAbs = path.resolve(project.rootDir, resourceRoot);
  const rels = await glob(
    [...exts.keys()].map((e) => `**/*.${e}`),
    {
      cwd: rootAbs,
      ignore: ['**/node_modules/**', '**/.*/**'],
      onlyFiles: true,
      expandDirectories: false,
    },
  );
  rels.sort();
  const rootRel = toPosix(path.relative(project.rootDir, rootAbs)) || '.';
  const files: DiscoveredFile[] = [];
  for (const rel of rels) {
    const dot = rel.lastIndexOf('.');
    const kinds = exts.get(rel.slice(dot + 1));
    if (!kinds) continue;
    const absPath = path.join(rootAbs, rel);
    const parts = rel.split('/');
    const fileName = parts.pop()!;
    const stat = statSync(absPath);
    const shownPath = rootRel === '.' ? rel : `${rootRel}/${rel}`;
    const content = lazyText(absPath, shownPath);
    const fileKinds = new Set([...kinds].flatMap((k) => testPathKind(k, parts[0]) ?? []));
    for (const kind of fileKinds) {
      files.push({
        kind,
        packageName: project.name,
        absPath,
        path: shownPath,
        resourceRoot: rootRel,
        folders: parts,
        stem: fileName.slice(0, fileName.lastIndexOf('.')),
        size: stat.size,
        mtimeMs: stat.mtimeMs,
        get text() {
          return content();
        },
      });
    }
  }
  return files;
}

/**
 * A file's text, read on first use, as strict UTF-8 (another encoding is an error naming the
 * file and line, not U+FFFD in built data). Synchronous: for thousands of small files one
 * readFileSync each is several times faster than fs/promises' thread-pool round trips. Lazy:
 * an unchanged project whose manifest is reused never reads its files at all.
 */
function lazyText(absPath: string, shownPath: string): () => string {
  let text: string | undefined;
  return () => (text ??= readUtf8File(absPath, shownPath));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
