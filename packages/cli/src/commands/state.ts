/**
 * `--state DIR`: the artifacts of an earlier run that `state:` selectors compare against. Read
 * here because it is plain file loading; what "modified" means is core's business.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest, PreviousState, RunResultsLike, SourcesResultsLike } from '@tsmodel/core';

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (cause) {
    const { TsmodelError } = await import('@tsmodel/core');
    throw new TsmodelError({
      code: 'state-unreadable',
      message: `cannot read ${file}: ${(cause as Error).message}`,
      location: { file },
      hint: 'point --state at the target/ directory of an earlier compile or run',
      cause,
    });
  }
}

/** Loads DIR/manifest.json (required) and DIR/run_results.json (when present). */
export async function readState(dir: string): Promise<PreviousState> {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    const { TsmodelError } = await import('@tsmodel/core');
    throw new TsmodelError({
      code: 'state-missing',
      message: `--state ${dir} has no manifest.json`,
      hint: 'point --state at the target/ directory of an earlier compile or run (copy it aside before recompiling)',
    });
  }
  const runResultsFile = join(dir, 'run_results.json');
  const sources = await readSources(dir);
  return {
    manifest: (await readJson(manifestFile)) as Manifest,
    ...(existsSync(runResultsFile)
      ? { runResults: (await readJson(runResultsFile)) as RunResultsLike }
      : {}),
    ...(sources ? { sources } : {}),
  };
}

/** DIR/sources.json, the output of `source freshness`, when there is one. */
export async function readSources(dir: string): Promise<SourcesResultsLike | undefined> {
  const file = join(dir, 'sources.json');
  return existsSync(file) ? ((await readJson(file)) as SourcesResultsLike) : undefined;
}
