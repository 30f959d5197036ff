import { parseEventTime, type BatchWindow } from '../materializations/microbatch-time';
import type { MicrobatchRun } from './run-microbatch';

/**
 * What `retry` builds of each microbatch model, from the last run_results.json: the failed
 * batches of every node that has some (dbt's `batch_results.failed`), and the built ones to
 * carry into the new result. A node whose pairs do not read as times is left out: it then
 * builds its planned batches, as any node retry runs again.
 */
export function batchesToRetry(
  results: ReadonlyArray<{ unique_id: string; batch_results?: unknown }>,
): NonNullable<MicrobatchRun['retry']> {
  const out = new Map<string, { failed: BatchWindow[]; successful: Array<[string, string]> }>();
  for (const r of results) {
    const recorded = r.batch_results as { failed?: unknown; successful?: unknown } | undefined;
    const failed = windows(recorded?.failed);
    if (!failed || failed.length === 0) continue;
    const successful = windows(recorded?.successful) ?? [];
    out.set(r.unique_id, {
      failed,
      successful: successful.map((w) => [isoSeconds(w.start), isoSeconds(w.end)]),
    });
  }
  return out;
}

function windows(value: unknown): BatchWindow[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: BatchWindow[] = [];
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const [start, end] = pair.map((t) => (typeof t === 'string' ? parseEventTime(t) : undefined));
    if (!start || !end || start >= end) return undefined;
    out.push({ start, end });
  }
  return out;
}

/** `2024-01-01T00:00:00Z`: how run_results.json records a batch bound. */
export function isoSeconds(t: Date): string {
  return t.toISOString().replace(/\.000Z$/, 'Z');
}
