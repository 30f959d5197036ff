import { beforeAll, it } from 'vitest';
import { READY, awaiting } from './awaiting';
import { suiteProject, type SuiteProject, type SuiteRun } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';
import { UTILS_MACROS, type UtilsCase } from './utils-case';
import { DATE_CASES } from './utils-dates';
import { SET_TYPE_CASES } from './utils-sets-types';
import { STRING_CASES } from './utils-strings';

const CASES = [...DATE_CASES, ...STRING_CASES, ...SET_TYPE_CASES];

/**
 * dbt's utils/ module: every cross-database macro case. dbt builds one project per case; the
 * cases' files are named apart, so here they share one project and one `build` (fast on two
 * cores), and each case asserts on its own nodes of that build. A parked case joins the
 * project only once what it waits for is READY, so it cannot break the others meanwhile.
 */
export function registerUtils(target: DbtSuiteTarget): void {
  const waitsFor = (c: UtilsCase) =>
    c.awaiting && (!c.awaitingOn || c.awaitingOn.includes(target.type)) ? c.awaiting : undefined;
  const ready = (c: UtilsCase) => {
    const what = waitsFor(c);
    return !what || READY[what];
  };
  let project: SuiteProject;
  let build: SuiteRun;
  beforeAll(async () => {
    const files = Object.assign(
      {},
      UTILS_MACROS,
      ...CASES.filter(ready).map((c) => ({ ...c.files, ...c.filesOn?.[target.type] })),
    );
    project = suiteProject(target, 'utils', files);
    // Some cases' tests must fail (mixed null compare): the exit code is each case's business.
    build = await project.run(['build'], null);
  }, 120_000);
  for (const c of CASES) {
    const run = () => c.check(project, build);
    const what = waitsFor(c);
    if (what) awaiting(what, c.name, run);
    else it(c.name, run);
  }
}
