import { expect } from 'vitest';
import type { READY } from './awaiting';
import type { SuiteProject, SuiteRun } from './suite-project';

/**
 * One of dbt's `utils/test_*.py` cases: its own seeds and models (named so cases can share
 * one project and one `build`), and what dbt asserts after building them.
 */
export interface UtilsCase {
  /** dbt's test module, e.g. `test_dateadd`. */
  name: string;
  files: Record<string, string>;
  /** Fixture overrides for one engine (by profile type), as dbt adapters override fixtures. */
  filesOn?: Partial<Record<string, Record<string, string>>>;
  check(p: SuiteProject, build: SuiteRun): Promise<void>;
  /** What the case waits for, if the runtime cannot build it yet (see awaiting.ts). */
  awaiting?: keyof typeof READY;
  /** The engines (profile types) `awaiting` holds for; every engine when absent. */
  awaitingOn?: string[];
}

/** dbt's helper macros of `base_utils.py`, written here: equality with nulls equal. */
export const UTILS_MACROS = {
  'macros/equals.sql': `{% macro equals(left, right) -%}
case when (({{ left }} = {{ right }}) or ({{ left }} is null and {{ right }} is null)) then 0 else 1 end = 0
{%- endmacro %}
`,
  'macros/test_assert_equal.sql': `{% test assert_equal(model, actual, expected) %}
select * from {{ model }} where not {{ equals(actual, expected) }}
{% endtest %}
`,
  'macros/replace_empty.sql': `{% macro replace_empty(expr) -%}
case when {{ expr }} = 'EMPTY' then '' else {{ expr }} end
{%- endmacro %}
`,
};

/** The properties file putting `assert_equal(actual, expected)` on `model`. */
export const assertEqualYml = (model: string, actual = 'actual', expected = 'expected') =>
  `version: 2
models:
  - name: ${model}
    data_tests:
      - assert_equal:
          actual: ${actual}
          expected: ${expected}
`;

/** A seed's column types, as a seed properties file. */
export const seedTypesYml = (seed: string, types: Record<string, string>) =>
  `version: 2
seeds:
  - name: ${seed}
    config:
      column_types:
${Object.entries(types)
  .map(([c, t]) => `        ${c}: ${t}`)
  .join('\n')}
`;

const nameOf = (uniqueId: string) => uniqueId.split('.')[2]!;

/** The tests of the project attached to `model` (manifest `attached_node`). */
function testsOn(p: SuiteProject, build: SuiteRun, model: string) {
  const nodes = JSON.parse(p.read('target/manifest.json')).nodes as Record<
    string,
    { attached_node?: string }
  >;
  return build.results.filter(
    (r) =>
      r.unique_id.startsWith('test.') && nameOf(nodes[r.unique_id]?.attached_node ?? '') === model,
  );
}

/** Every seed and model of `names` built, and each listed model's tests all passed. */
export function expectBuilt(
  p: SuiteProject,
  build: SuiteRun,
  names: string[],
  testedModels: string[] = [],
): void {
  expect(
    build.results.length,
    `build wrote no results:\n${build.stdout}\n${build.stderr}`,
  ).toBeGreaterThan(0);
  for (const n of names) {
    const result = build.results.find(
      (r) => !r.unique_id.startsWith('test.') && nameOf(r.unique_id) === n,
    );
    expect(`${n}: ${result?.status} ${result?.message ?? ''}`).toBe(
      `${n}: success ${result?.message ?? ''}`,
    );
  }
  for (const model of testedModels) {
    const tests = testsOn(p, build, model);
    expect(tests.length, `tests on ${model}`).toBeGreaterThan(0);
    for (const t of tests) expect(`${t.unique_id}: ${t.status}`).toBe(`${t.unique_id}: pass`);
  }
}

/** The statuses of the tests on `model`. */
export const testStatuses = (p: SuiteProject, build: SuiteRun, model: string) =>
  testsOn(p, build, model).map((t) => t.status);

/** dbt's BaseUtils.test_build_assert_equal: `build` passes, the assert_equal tests included. */
export function assertEqualCase(
  name: string,
  model: string,
  sql: string,
  seeds: Record<string, string> = {},
  more: Partial<UtilsCase> = {},
): UtilsCase {
  return {
    name,
    files: {
      ...Object.fromEntries(Object.entries(seeds).map(([s, csv]) => [`seeds/${s}.csv`, csv])),
      [`models/${model}.sql`]: sql,
      [`models/${model}.yml`]: assertEqualYml(model),
      ...more.files,
    },
    async check(p, build) {
      expectBuilt(p, build, [...Object.keys(seeds), model], [model]);
    },
    ...(more.awaiting ? { awaiting: more.awaiting } : {}),
    ...(more.awaitingOn ? { awaitingOn: more.awaitingOn } : {}),
  };
}
