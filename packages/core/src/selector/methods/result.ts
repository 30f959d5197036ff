import { TsmodelError } from '../../diagnostics';
import type { SelectorMethod } from './context';

/**
 * `result:<status>` — nodes whose status in the earlier run's run_results.json (`--state DIR`)
 * equals the value, e.g. `result:error+` to rebuild what failed and everything downstream.
 */
export const resultMethod: SelectorMethod = function* (candidates, { value }, ctx) {
  const runResults = ctx.state?.runResults;
  if (!runResults) {
    throw new TsmodelError({
      code: 'missing-state',
      message: 'Got a result selector method, but no run results to compare with',
      hint: 'pass --state DIR with an earlier target/ that holds run_results.json',
    });
  }
  const matching = new Set(
    runResults.results.filter((r) => r.status === value).map((r) => r.unique_id),
  );
  for (const node of candidates) if (matching.has(node.unique_id)) yield node.unique_id;
};
