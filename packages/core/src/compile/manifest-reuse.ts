import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TsmodelError } from '../diagnostics';
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
  /** Compile warnings, replayed when the manifest is reused. */
  warnings: Array<ConstructorParameters<typeof TsmodelError>[0]>;
}

/**
 * One hash over everything a compile reads: tsmodel's version and built-in macros, every
 * project's config, `--vars`, the target, the env vars templates read, and every file's path
 * and content. Equal fingerprints mean the manifest on disk is exactly what a compile would
 * produce now.
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
  h.update(JSON.stringify(profile.target));
  for (const name of envVars) h.update(`\0${name}=${env[name] ?? '\u0001unset'}`);
  for (const f of files) h.update(`\0${f.kind}\0${f.packageName}\0${f.path}\0`).update(f.text);
  return h.digest('hex');
}

/** Records the fingerprint of the compile that just wrote `artifacts`. */
export async function saveFingerprint(targetDir: string, data: FingerprintFile): Promise<void> {
  await writeFile(path.join(targetDir, FINGERPRINT_FILE), JSON.stringify(data));
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
}): Promise<{ manifest: Manifest; graph: Graph; warnings: TsmodelError[] } | undefined> {
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
  if (now !== saved.fingerprint) return undefined;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(
      await readFile(path.join(input.targetDir, 'manifest.json'), 'utf8'),
    ) as Manifest;
  } catch {
    return undefined;
  }
  // Nodes first, in the manifest's order, so traversal order matches the compile that wrote it.
  const graph = new Graph();
  for (const id of Object.keys(manifest.parent_map)) graph.addNode(id);
  for (const [id, parents] of Object.entries(manifest.parent_map))
    for (const p of parents) graph.addEdge(p, id);
  return { manifest, graph, warnings: saved.warnings.map((w) => new TsmodelError(w)) };
}
