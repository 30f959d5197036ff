import { TsmodelError } from '../diagnostics';

/** dbt's freshness periods, in seconds. */
const PERIOD_SECONDS = { minute: 60, hour: 3600, day: 86400 } as const;

export type FreshnessStatus = 'pass' | 'warn' | 'error';

/** One threshold as written: `warn_after: {count: 12, period: hour}`. */
export interface FreshnessThreshold {
  count: number;
  period: keyof typeof PERIOD_SECONDS;
}

/**
 * A source table's freshness as `sources.json` records it (`criteria`), plus the `filter`
 * its query applies. A threshold of `null` (or absent) never fires.
 */
export interface FreshnessCriteria {
  warn_after: FreshnessThreshold | null;
  error_after: FreshnessThreshold | null;
  filter: string | null;
}

/**
 * The merged `freshness:` of a source node, validated. `undefined` when the table has no
 * threshold at all (dbt skips it: nothing to check); an unreadable threshold is an error
 * naming the source, never a check that silently passes.
 */
export function freshnessCriteria(
  uniqueId: string,
  freshness: unknown,
): FreshnessCriteria | undefined {
  if (freshness === null || freshness === undefined) return undefined;
  if (typeof freshness !== 'object' || Array.isArray(freshness))
    throw invalid(uniqueId, 'freshness');
  const f = freshness as Record<string, unknown>;
  const criteria: FreshnessCriteria = {
    warn_after: threshold(uniqueId, 'warn_after', f.warn_after),
    error_after: threshold(uniqueId, 'error_after', f.error_after),
    filter: typeof f.filter === 'string' && f.filter.trim() !== '' ? f.filter : null,
  };
  if (!criteria.warn_after && !criteria.error_after) return undefined;
  return criteria;
}

function threshold(uniqueId: string, key: string, value: unknown): FreshnessThreshold | null {
  if (value === null || value === undefined) return null;
  const v = value as Record<string, unknown>;
  // dbt treats a threshold without a count (e.g. only `period:` from a merge) as not set.
  if (typeof v !== 'object' || v.count === undefined || v.count === null) return null;
  const count = Number(v.count);
  if (!Number.isFinite(count) || count <= 0 || !(String(v.period) in PERIOD_SECONDS)) {
    throw invalid(uniqueId, key);
  }
  return { count, period: v.period as FreshnessThreshold['period'] };
}

function invalid(uniqueId: string, key: string): TsmodelError {
  return new TsmodelError({
    code: 'freshness-invalid',
    message: `${uniqueId}: ${key} must be {count: <number>, period: minute | hour | day}`,
    node: uniqueId,
    hint: 'e.g. freshness: {warn_after: {count: 12, period: hour}, error_after: {count: 1, period: day}}',
  });
}

export function thresholdSeconds(t: FreshnessThreshold): number {
  return t.count * PERIOD_SECONDS[t.period];
}

/** dbt's verdict: error_after first, then warn_after; exactly at the threshold still passes. */
export function freshnessStatus(ageSeconds: number, criteria: FreshnessCriteria): FreshnessStatus {
  if (criteria.error_after && ageSeconds > thresholdSeconds(criteria.error_after)) return 'error';
  if (criteria.warn_after && ageSeconds > thresholdSeconds(criteria.warn_after)) return 'warn';
  return 'pass';
}
