import { it } from 'vitest';

/**
 * The ONE place conformance cases are parked. Each reason names the work a case waits for;
 * once that lands, enable the cases by making the matching entry of {@link READY} `true` —
 * every parked case then runs, unchanged, and must pass. Every entry is `true` now: nothing is
 * parked but snapshots (`awaitingSnapshots`, issue 14). A case that cannot hold on one engine
 * by design (dbt's own adapter for that engine does not run it either) is skipped where it is
 * registered, with the reason next to it — not parked here.
 */
export const READY = {
  /** run_query / statement / load_result, the `adapter` object, api.Relation, execute=true. */
  runtime: true,
  /** `tsmodel docs generate` and target/catalog.json. */
  docsGenerate: true,
  /** Cross-db `dbt.` macros, set_sql_header, seed --show, target/run, ephemeral `with`. */
  dbtNamespace: true,
} as const;

const REASONS: Record<keyof typeof READY, string> = {
  runtime: 'awaiting runtime (run_query/statement/adapter/Relation, execute=true)',
  docsGenerate: 'awaiting docs generate (catalog.json)',
  dbtNamespace: 'awaiting dbt-namespace/misc helper',
};

/** Registers a case that waits for `what`: skipped with the reason until READY says so. */
export function awaiting(
  what: keyof typeof READY,
  name: string,
  fn: () => Promise<void>,
  timeout?: number,
): void {
  if (READY[what]) it(name, fn, timeout);
  else it.skip(`${name} [${REASONS[what]}]`, fn, timeout);
}
