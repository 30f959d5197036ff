import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { TsmodelError } from '../diagnostics';
import { publicTarget } from '../secrets';
import { TARGET_PATH_HINT, writeFileAtomic } from '../fs/atomic-write';
import { Graph } from '../graph/graph';
import type { Manifest } from '../manifest/types';
import type { LoadedProject, ResolvedProfile } from '../project/types';
import type { DiscoveredFile } from './discover';
import { internalMacroFiles } from './internal-macros';
import { TSMODEL_VERSION } from './version';

const FINGERPRINT_FILE = 'tsmodel_fingerprint.json';

/** Which artifacts the compile that wrote the fingerprint left in target/. */
export type ArtifactLevel = 'manifest' | 'all';

/** What the last full compile recorded next to the manifest it wrote. */
interface FingerprintFile {
  fingerprint: string;
  artifacts: ArtifactLevel;
  /** Env vars any template read: their values join the fingerprint. */
  envVars: string[];
  /** Nodes whose compiled SQL is a parse-time fallback (see `CompileResult.introspective`). */
  introspective: string[];
  /** Compile warnings, replayed when the manifest is reused. */
  warnings: Array<ConstructorParameters<typeof TsmodelError>[0]>;
  /** Nodes and sources in the manifest, so a reuse can report it without parsing it. */
  nodeCount: number;
  /** When the compile that wrote it started (ms since epoch). */
  writtenAt: number;
}

/**
 * One hash over everything a compile reads: tsmodel's version and built-in macros, every
 * project's config, `--vars`, the target, the env vars templates read, and every file's path,
 * size and modification time (like git's index: no file is read). Equal fingerprints mean the
 * manifest on disk is exactly what a compile would produce now; see `isRacy` for the one case
 * a stat cannot tell.
 */
export function projectFingerprint(
  project: LoadedProject,
  profile: ResolvedProfile,
  files: DiscoveredFile[],
  env: Record<string, string | undefined>,
  envVars: string[],
): string {
  const h = createHash('sha256');
  h.update(TSMODEL_VERSION);
  for (const m of internalMacroFiles()) h.update(m.text);
  h.update(JSON.stringify([...project.projects.entries()]));
  h.update(JSON.stringify(project.cliVars));
  h.update(JSON.stringify(publicTarget(profile.target)));
  for (const name of envVars) h.update(`\0${name}=${env[name] ?? '\u0001unset'}`);
  for (const f of files)
    h.update(`\0${f.kind}\0${f.packageName}\0${f.path}\0${f.size}\0${f.mtimeMs}`);
  return h.digest('hex');
}

/** Records the fingerprint of the compile that just wrote `artifacts`. */
export async function saveFingerprint(targetDir: string, data: FingerprintFile): Promise<void> {
  await writeFileAtomic(
    path.join(targetDir, FINGERPRINT_FILE),
    JSON.stringify(data),
    TARGET_PATH_HINT,
  );
}

/** Forgets the fingerprint: target/ no longer holds what a plain compile would write. */
export function dropFingerprint(targetDir: string): void {
  rmSync(path.join(targetDir, FINGERPRINT_FILE), { force: true });
}

/**
 * The manifest of the last compile when nothing it read has changed — or undefined, and the
 * caller compiles. The files in target/ are left exactly as that compile wrote them (its
 * metadata included), so an unchanged 10,000-model project "compiles" in the time it takes to
 * read and hash its files.
 */
export async function reuseManifest(input: {
  targetDir: string;
  project: LoadedProject;
  profile: ResolvedProfile;
  files: DiscoveredFile[];
  env: Record<string, string | undefined>;
  needs: ArtifactLevel;
}): Promise<
  | {
      manifest: Manifest;
      graph: Graph;
      nodeCount: number;
      warnings: TsmodelError[];
      introspective: ReadonlySet<string>;
    }
  | undefined
> {
  let saved: FingerprintFile;
  try {
    saved = JSON.parse(
      readFileSync(path.join(input.targetDir, FINGERPRINT_FILE), 'utf8'),
    ) as FingerprintFile;
  } catch {
    return undefined;
  }
  if (input.needs === 'all' && saved.artifacts !== 'all') return undefined;
  const now = projectFingerprint(
    input.project,
    input.profile,
    input.files,
    input.env,
    saved.envVars,
  );
  if (now !== saved.fingerprint || isRacy(input.files, saved.writtenAt)) return undefined;
  const manifestFile = path.join(input.targetDir, 'manifest.json');
  if (!existsSync(manifestFile)) return undefined;
  // Parsed on first use: `compile` of an unchanged project never needs the nodes themselves.
  let manifest: Manifest | undefined;
  let graph: Graph | undefined;
  const load = (): Manifest =>
    (manifest ??= JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest);
  return {
    get manifest() {
      return load();
    },
    get graph() {
      return (graph ??= graphOf(load()));
    },
    nodeCount: saved.nodeCount,
    warnings: saved.warnings.map((w) => new TsmodelError(w)),
    introspective: new Set(saved.introspective ?? []),
  };
}

/** Nodes first, in the manifest's order, so traversal order matches the compile that wrote it. */
function graphOf(manifest: Manifest): Graph {
  const graph = new Graph();
  for (const id of Object.keys(manifest.parent_map)) graph.addNode(id);
  for (const [id, parents] of Object.entries(manifest.parent_map))
    for (const p of parents) graph.addEdge(p, id);
  return graph;
}

/**
 * A file modified within the same second the fingerprint was taken might have changed again
 * without its size or mtime changing (git's "racy clean" problem): such a project compiles.
 */
function isRacy(files: DiscoveredFile[], writtenAt: number): boolean {
  return files.some((f) => f.mtimeMs >= writtenAt - 2000);
}
