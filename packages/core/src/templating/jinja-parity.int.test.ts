import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_PROBES } from './parity/probes';
import { KNOWN_DIFFERENCES } from './parity/known-differences';
import { findJinjaPython, renderWithJinja } from './parity/oracle';
import { renderProbe, type ProbeResult } from './parity/render-probes';

/**
 * The differential suite: every probe rendered by tsmodel and by real Jinja2 (configured as
 * dbt configures it, parity/oracle.py) must give the same text, or both fail. Probes that
 * still differ are listed in parity/known-differences.ts, each with why; those are checked to
 * still differ, so a fix cannot leave a stale entry (and the README's list) behind.
 */
const python = findJinjaPython();
if (!python && (process.env.CI || process.env.TSMODEL_REQUIRE_JINJA)) {
  throw new Error(
    'the Jinja2 oracle needs python3 with jinja2 and yaml (apt-get install python3-jinja2 python3-yaml); .ci/run installs them',
  );
}
if (!python) console.warn('jinja-parity: no python3 with jinja2 here, differential suite skipped');

const same = (a: ProbeResult, b: ProbeResult) =>
  'error' in a ? 'error' in b : !('error' in b) && a.out === b.out;

describe.skipIf(!python)('Jinja2 parity (differential, against real Jinja2)', () => {
  let oracle: ProbeResult[] = [];
  beforeAll(() => {
    oracle = renderWithJinja(python!, ALL_PROBES);
  });

  it('probe names are unique and every known difference names a probe', () => {
    const names = ALL_PROBES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(KNOWN_DIFFERENCES).filter((n) => !names.includes(n))).toEqual([]);
  });

  ALL_PROBES.forEach((probe, i) => {
    const known = KNOWN_DIFFERENCES[probe.name];
    it(known ? `still differs: ${probe.name} (${known})` : probe.name, () => {
      const ours = renderProbe(probe);
      const theirs = oracle[i]!;
      if (known) expect(same(ours, theirs)).toBe(false);
      else if ('error' in theirs) expect(ours).toHaveProperty('error');
      else expect(ours).toEqual({ out: theirs.out });
    });
  });
});
