import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TsmodelError } from '../diagnostics';
import { TARGET_PATH_HINT, writeFileAtomic } from '../fs/atomic-write';
import type { DetailsInput } from './node-details';
import { buildSiteData } from './site-data';
import { SITE_PATHS, siteFiles, staticSiteHtml, type SiteAssets } from './site-files';
import type { SiteFiles } from './types';

/** Where the shards live; shards of an earlier, bigger site are removed from there. */
const SHARD_DIR = 'docs-site/data/nodes';

/**
 * Writes the site's files under `targetDir` (each atomically, so `docs serve` running beside
 * never serves half a file) and removes shards an earlier generate left that this one has not.
 */
export async function writeDocsSite(targetDir: string, files: SiteFiles): Promise<void> {
  const dirs = new Set([...files.keys()].map((f) => path.dirname(path.join(targetDir, f))));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  await Promise.all(
    [...files].map(([file, content]) =>
      writeFileAtomic(path.join(targetDir, file), content, TARGET_PATH_HINT),
    ),
  );
  const shardDir = path.join(targetDir, SHARD_DIR);
  for (const name of await readdir(shardDir).catch(() => [] as string[])) {
    if (!files.has(`${SHARD_DIR}/${name}`)) await rm(path.join(shardDir, name), { force: true });
  }
}

/**
 * Folders the browser app may be in: beside the bundle once built (dist/docs-site), and the
 * repo's dist/ when core runs from its sources (tests, `tsx`).
 */
const CANDIDATES = ['./docs-site/', '../../../../dist/docs-site/'];

/** Reads the browser app that scripts/build.mjs bundled; a clear error when it was not built. */
export async function readSiteAssets(): Promise<SiteAssets> {
  const dirs = CANDIDATES.map((c) => fileURLToPath(new URL(c, import.meta.url)));
  const dir = dirs.find((d) => existsSync(path.join(d, 'app.js')));
  if (!dir) {
    throw new TsmodelError({
      code: 'docs-site-app-missing',
      message: `the docs site's browser app is missing (looked for app.js in ${dirs.join(', ')})`,
      hint: 'run `npm run build` in the tsmodel checkout (it bundles dist/docs-site/app.js)',
    });
  }
  const [js, css] = await Promise.all([
    readFile(path.join(dir, 'app.js'), 'utf8'),
    readFile(path.join(dir, 'app.css'), 'utf8'),
  ]);
  return { js, css };
}

/** What `generateDocsSite` wrote. */
export interface WrittenSite {
  index: string;
  /** The self-contained page, when asked for. */
  staticFile?: string;
  pages: number;
  shards: number;
}

/**
 * `docs generate`'s site step: builds the site's data from the manifest, catalog and column
 * lineage, and writes it under `targetDir` with the browser app (and the `--static` page).
 */
export async function generateDocsSite(
  input: DetailsInput & { targetDir: string; static: boolean },
): Promise<WrittenSite> {
  const data = await buildSiteData(input);
  const assets = await readSiteAssets();
  const files = siteFiles(data, assets);
  if (input.static) files.set(SITE_PATHS.static, staticSiteHtml(data, assets));
  await writeDocsSite(input.targetDir, files);
  return {
    index: path.join(input.targetDir, SITE_PATHS.index),
    ...(input.static ? { staticFile: path.join(input.targetDir, SITE_PATHS.static) } : {}),
    pages: data.search.length,
    shards: data.site.shards,
  };
}
