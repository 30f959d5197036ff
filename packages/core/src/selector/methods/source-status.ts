import { TsmodelError } from '../../diagnostics';
import type { SourcesResultsLike } from '../types';
import { invalidChoice } from './choice-error';
import type { SelectorMethod } from './context';

/**
 * `source_status:fresher` — dbt's: sources whose newest load (`max_loaded_at` in this target's
 * `sources.json`, from the `source freshness` just run) is later than in the `--state` run's, or
 * that the state did not check; a source whose check errored on either side is not fresher.
 * `source_status:fresher+` then rebuilds what reads new data.
 */
export const sourceStatusMethod: SelectorMethod = function* (candidates, { value }, ctx) {
  if (value !== 'fresher')
    throw invalidChoice({
      code: 'invalid-selector',
      what: 'source status',
      given: value,
      choices: ['fresher'],
    });
  const previous = ctx.state?.sources;
  const current = ctx.state?.currentSources;
  if (!previous || !current)
    throw new TsmodelError({
      code: 'missing-state',
      message: `source_status:fresher compares two sources.json files, and ${current ? "--state's" : "this target's"} is missing`,
      hint: current
        ? 'pass --state DIR with the target/ of an earlier `tsmodel source freshness`'
        : 'run `tsmodel source freshness` first: it writes target/sources.json',
    });
  const now = loadTimes(current);
  const before = loadTimes(previous);
  for (const node of candidates) {
    const latest = now.get(node.unique_id);
    if (latest === undefined || latest === 'error') continue;
    const earlier = before.get(node.unique_id);
    if (earlier === 'error') continue;
    if (earlier === undefined || latest > earlier) yield node.unique_id;
  }
};

/** Source id → its newest load in epoch ms, or `error` when its check had none. */
function loadTimes(sources: SourcesResultsLike): Map<string, number | 'error'> {
  const out = new Map<string, number | 'error'>();
  for (const r of sources.results) {
    const ms = r.max_loaded_at ? Date.parse(r.max_loaded_at) : NaN;
    out.set(r.unique_id, Number.isNaN(ms) || r.status === 'runtime error' ? 'error' : ms);
  }
  return out;
}
