import { beforeAll, it } from 'vitest';
import { awaiting } from './awaiting';
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
 * cores), and each case asserts on its own nodes of that build. A parked case (awaiting.ts)
 * builds a project of its own, so it never breaks the others.
 */
export function registerUtils(target: DbtSuiteTarget): void {
  const waitsFor = (c: UtilsCase) =>
    c.awaiting && (!c.awaitingOn || c.awaitingOn.includes(target.type)) ? c.awaiting : undefined;
  let project: SuiteProject;
  let build: SuiteRun;
  beforeAll(async () => {
    const files = Object.assign(
      {},
      UTILS_MACROS,
      ...CASES.filter((c) => !waitsFor(c)).map((c) => ({
        ...c.files,
        ...c.filesOn?.[target.type],
      })),
    );
    project = suiteProject(target, 'utils', files);
    // Some cases' tests must fail (mixed null compare): the exit code is each case's business.
    build = await project.run(['build'], null);
  }, 120_000);
  for (const c of CASES) {
    const what = waitsFor(c);
    if (!what) {
      it(c.name, () => c.check(project, build));
      continue;
    }
    // A parked case builds alone, so one that is still wrong once enabled fails by itself.
    awaiting(what, c.name, async () => {
      const own = suiteProject(target, 'utils_parked', {
        ...UTILS_MACROS,
        ...c.files,
        ...c.filesOn?.[target.type],
      });
      await c.check(own, await own.run(['build'], null));
    });
  }
}
