export {
  freshnessCriteria,
  freshnessStatus,
  thresholdSeconds,
  type FreshnessCriteria,
  type FreshnessStatus,
  type FreshnessThreshold,
} from './freshness-criteria';
export {
  freshnessSql,
  runSourceFreshness,
  type FreshnessResult,
  type SourceFreshnessOptions,
} from './source-freshness';
