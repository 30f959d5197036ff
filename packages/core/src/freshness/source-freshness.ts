import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Adapter } from '../adapter/adapter';
import type { Dialect } from '../adapter/dialect';
import type { CompileResult } from '../compile/compile-project';
import { TSMODEL_VERSION } from '../compile/version';
import { TsmodelError } from '../diagnostics';
import { TARGET_PATH_HINT, writeFileAtomic } from '../fs/atomic-write';
import type { ManifestNode } from '../manifest/types';
import { Redactor, collectSecrets } from '../secrets';
import {
  freshnessCriteria,
  freshnessStatus,
  type FreshnessCriteria,
  type FreshnessStatus,
} from './freshness-criteria';

/** One source table's check, in the shape of dbt's `sources.json` (v3) results. */
export interface FreshnessResult {
  unique_id: string;
  status: FreshnessStatus | 'runtime error';
  max_loaded_at: string | null;
  snapshotted_at: string | null;
  max_loaded_at_time_ago_in_s: number | null;
  criteria: FreshnessCriteria;
  execution_time: number;
  /** Set for `runtime error`: what went wrong (no rows, a query error). */
  error?: string;
}

export interface SourceFreshnessOptions {
  compiled: Pick<CompileResult, 'manifest' | 'project' | 'profile' | 'engine'>;
  adapter: Adapter;
  /** Source unique ids to check; those without a threshold are skipped, as in dbt. */
  selected: readonly string[];
  /** Where to write sources.json (dbt's `--output`); default `<target>/sources.json`. */
  output?: string;
  onResult?: (result: FreshnessResult, node: ManifestNode) => void;
}

/**
 * `tsmodel source freshness`: for each selected source table with a `warn_after` or
 * `error_after`, asks the warehouse how old its newest `loaded_at_field` is (ages computed in
 * SQL, against the warehouse's clock, with naive timestamps read as UTC as dbt does), judges
 * it and writes `sources.json`. A query that fails or finds no rows is a `runtime error` for
 * that source, never a pass.
 */
export async function runSourceFreshness(
  options: SourceFreshnessOptions,
): Promise<{ results: FreshnessResult[]; file: string }> {
  const { compiled, adapter } = options;
  const checks = options.selected.flatMap((id) => {
    const node = compiled.manifest.sources[id];
    if (!node) return [];
    const criteria = freshnessCriteria(id, node.freshness);
    if (!criteria) return [];
    if (!node.loaded_at_field && !node.loaded_at_query) {
      throw new TsmodelError({
        code: 'freshness-no-field',
        message: `${id} has a freshness threshold but no loaded_at_field (or loaded_at_query)`,
        node: id,
        hint: 'set loaded_at_field on the source or the table: the column that says when a row arrived',
      });
    }
    return [{ node, criteria }];
  });
  const started = new Date();
  const results: FreshnessResult[] = [];
  const conn = await adapter.connect();
  try {
    for (const { node, criteria } of checks) {
      const t0 = performance.now();
      let result: FreshnessResult;
      try {
        const [row] = await conn.query<Record<string, unknown>>(
          freshnessSql(adapter.dialect, node, criteria.filter),
        );
        const age =
          row?.age_seconds === null || row?.age_seconds === undefined
            ? null
            : Number(row.age_seconds);
        result =
          age === null
            ? runtimeError(
                node,
                criteria,
                node.loaded_at_query
                  ? 'loaded_at_query returned no time'
                  : 'no rows with a loaded_at_field value',
                t0,
              )
            : {
                unique_id: node.unique_id,
                status: freshnessStatus(age, criteria),
                max_loaded_at: iso(row!.max_loaded_at),
                snapshotted_at: iso(row!.snapshotted_at),
                max_loaded_at_time_ago_in_s: age,
                criteria,
                execution_time: (performance.now() - t0) / 1000,
              };
      } catch (err) {
        result = runtimeError(node, criteria, (err as Error).message, t0);
      }
      results.push(result);
      options.onResult?.(result, node);
    }
  } finally {
    await conn.close();
  }
  const root = compiled.project.root;
  const file = options.output ?? path.resolve(root.rootDir, root.targetPath, 'sources.json');
  const redactor = new Redactor(
    collectSecrets(compiled.profile.target, compiled.engine.options.env),
  );
  const artifact = {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json',
      tsmodel_version: TSMODEL_VERSION,
      generated_at: started.toISOString(),
      invocation_id: compiled.engine.options.invocationId,
    },
    results,
    elapsed_time: (Date.now() - started.getTime()) / 1000,
  };
  await writeFileAtomic(
    file,
    `${redactor.redact(JSON.stringify(artifact, null, 2))}\n`,
    TARGET_PATH_HINT,
  );
  return { results, file };
}

/**
 * The newest load, the warehouse's now, and the age between them in seconds: from
 * `max(loaded_at_field)` (with the `filter`), or from the value `loaded_at_query` returns
 * (dbt 1.10; the filter does not apply to it, as in dbt).
 */
export function freshnessSql(dialect: Dialect, node: ManifestNode, filter: string | null): string {
  const now = 'current_timestamp';
  const age = (latest: string) =>
    `  extract(epoch from ${now}) - extract(epoch from ${latest}) as age_seconds`;
  if (node.loaded_at_query)
    return [
      `select max_loaded_at, ${now} as snapshotted_at,`,
      age('max_loaded_at'),
      `from (select (\n${node.loaded_at_query.trim().replace(/;\s*$/, '')}\n) as max_loaded_at) as loaded_at_query`,
    ].join('\n');
  const field = node.loaded_at_field!;
  return [
    `select max(${field}) as max_loaded_at, ${now} as snapshotted_at,`,
    age(`max(${field})`),
    `from ${dialect.renderRelation(node.relation!)}`,
    ...(filter ? [`where ${filter}`] : []),
  ].join('\n');
}

function runtimeError(
  node: ManifestNode,
  criteria: FreshnessCriteria,
  message: string,
  t0: number,
): FreshnessResult {
  return {
    unique_id: node.unique_id,
    status: 'runtime error',
    max_loaded_at: null,
    snapshotted_at: null,
    max_loaded_at_time_ago_in_s: null,
    criteria,
    execution_time: (performance.now() - t0) / 1000,
    error: message,
  };
}

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
