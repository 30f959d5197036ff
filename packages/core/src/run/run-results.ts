import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { TSMODEL_VERSION } from '../compile/version';
import type { Redactor } from '../secrets';
import { TARGET_PATH_HINT, writeFileAtomic } from '../fs/atomic-write';
import type { NodeResult } from './types';

/** `target/run_results.json`, in dbt's v6 shape plus `tsmodel_version`. */
export interface RunResultsArtifact {
  metadata: {
    dbt_schema_version: string;
    tsmodel_version: string;
    generated_at: string;
    invocation_id: string;
  };
  results: NodeResult[];
  /** Seconds the whole invocation took. */
  elapsed_time: number;
  /** The command and flags that produced it, as dbt records them. */
  args: Record<string, unknown>;
}

export function runResultsArtifact(input: {
  results: NodeResult[];
  elapsed: number;
  invocationId: string;
  args: Record<string, unknown>;
  generatedAt?: Date;
}): RunResultsArtifact {
  return {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json',
      tsmodel_version: TSMODEL_VERSION,
      generated_at: (input.generatedAt ?? new Date()).toISOString(),
      invocation_id: input.invocationId,
    },
    results: input.results,
    elapsed_time: input.elapsed,
    args: input.args,
  };
}

/**
 * Writes `run_results.json` atomically (tmp + rename), so readers never see half a file.
 * Warehouse messages can echo what they were given; `redactor` removes the run's secrets first.
 */
export async function writeRunResults(
  targetDir: string,
  artifact: RunResultsArtifact,
  redactor: Redactor,
): Promise<string> {
  await mkdir(targetDir, { recursive: true });
  const file = path.join(targetDir, 'run_results.json');
  await writeFileAtomic(
    file,
    `${redactor.redact(JSON.stringify(artifact, null, 2))}\n`,
    TARGET_PATH_HINT,
  );
  return file;
}
