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
  // Glob paths are `/`-separated and already normal: on POSIX they join by concatenation.
  const absPrefix = rootAbs.endsWith(path.sep) ? rootAbs : rootAbs + path.sep;
  const absOf =
    path.sep === '/' ? (rel: string) => absPrefix + rel : (rel: string) => path.join(rootAbs, rel);
  // What a file is depends only on its extension and first folder: worked out once for each.
  const kindsByPlace = new Map<string, DiscoveredKind[]>();
  const kindsOf = (ext: string, kinds: Set<DiscoveredKind>, firstFolder: string | undefined) => {
    const place = `${ext}/${firstFolder ?? ''}`;
    let found = kindsByPlace.get(place);
    if (!found) {
      found = [...new Set([...kinds].flatMap((k) => testPathKind(k, firstFolder) ?? []))];
      kindsByPlace.set(place, found);
    }
    return found;
  };
  const files: DiscoveredFile[] = [];
  for (const rel of rels) {
    const ext = rel.slice(rel.lastIndexOf('.') + 1);
    const kinds = exts.get(ext);
    if (!kinds) continue;
    const absPath = absOf(rel);
    const parts = rel.split('/');
    const fileName = parts.pop()!;
    const stat = statSync(absPath);
    const shownPath = rootRel === '.' ? rel : `${rootRel}/${rel}`;
    const stem = fileName.slice(0, fileName.lastIndexOf('.'));
    let first: ProjectFile | undefined;
    for (const kind of kindsOf(ext, kinds, parts[0])) {
      const file: ProjectFile = new ProjectFile(
        kind,
        project.name,
        absPath,
        shownPath,
        rootRel,
        parts,
        stem,
        stat.size,
        stat.mtimeMs,
        first,
      );
      first ??= file;
      files.push(file);
    }
  }
  return files;
}

/**
 * A discovered file whose text is read on first use, as strict UTF-8 (another encoding is an
 * error naming the file and line, not U+FFFD in built data). Synchronous: for thousands of
 * small files one read each is several times faster than fs/promises' thread-pool round
 * trips. Lazy: an unchanged project whose manifest is reused never reads its files at all. A
 * file found in two roles (a folder that is both a model and a macro path) is read once: the
 * second entry reads through the first.
 */
class ProjectFile implements DiscoveredFile {
  #text: string | undefined;

  constructor(
    readonly kind: DiscoveredKind,
    readonly packageName: string,
    readonly absPath: string,
    readonly path: string,
    readonly resourceRoot: string,
    readonly folders: string[],
    readonly stem: string,
    readonly size: number,
    readonly mtimeMs: number,
    private readonly sameFile: ProjectFile | undefined,
  ) {}

  get text(): string {
    if (this.sameFile) return this.sameFile.text;
    return (this.#text ??= readUtf8File(this.absPath, this.path, this.size));
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
