import { expect, it } from 'vitest';
import { suiteProject, type SuiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const FILES = {
  'seeds/chipmunks_stage.csv': 'name,shirt\nalvin,red\nsimon,blue\ntheodore,green\ndave,',
  'models/chipmunks.sql':
    "{{ config(materialized='table') }}\nselect * from {{ ref('chipmunks_stage') }}\n",
};

/** A singular test on chipmunks with `config`; green fails (one row), purple passes. */
const test = (config: string, shirt = 'green') =>
  `${config ? `{{ config(${config}) }}\n` : ''}select * from {{ ref('chipmunks') }} where shirt = '${shirt}'\n`;
const V = 'store_failures_as="view"';
const T = 'store_failures_as="table"';
const E = 'store_failures_as="ephemeral"';
const on = (b: boolean) => `store_failures=${b ? 'True' : 'False'}`;

type Expected = Record<string, [status: string, kind: string | null]>;

/** dbt's run_and_assert: each test's status, and what its failures are stored as, if anything. */
async function runAndAssert(p: SuiteProject, expected: Expected) {
  await p.run(['seed']);
  await p.run(['run']);
  const run = await p.run(['test'], null);
  const statuses = Object.fromEntries(
    run.results.map((r) => [r.unique_id.split('.')[2]!, r.status]),
  );
  const messages = run.results
    .map((r) => `${r.unique_id}: ${r.status} ${r.message ?? ''}`)
    .join('\n');
  expect(statuses, messages).toEqual(
    Object.fromEntries(Object.entries(expected).map(([n, [s]]) => [n, s])),
  );
  const stored = await p.relationTypes(`${p.schema}_dbt_test__audit`);
  const kinds = Object.fromEntries(Object.entries(expected).map(([n, [, k]]) => [n, k]));
  expect(Object.fromEntries(Object.keys(expected).map((n) => [n, stored[n] ?? null]))).toEqual(
    kinds,
  );
}

const project = (
  target: DbtSuiteTarget,
  name: string,
  tests: Record<string, string>,
  config = '',
) =>
  suiteProject(
    target,
    name,
    {
      ...FILES,
      ...Object.fromEntries(Object.entries(tests).map(([n, sql]) => [`tests/${n}.sql`, sql])),
    },
    config,
  );

/** dbt's store_test_failures_tests/basic.py: store_failures_as and store_failures together. */
export function registerStoreFailuresAs(target: DbtSuiteTarget): void {
  it('StoreTestFailuresAsInteractions: store_failures_as wins, ephemeral stores nothing', () =>
    runAndAssert(
      project(target, 'sfa_interactions', {
        view_unset_pass: test(V, 'purple'),
        view_true: test(`${V}, ${on(true)}`),
        view_false: test(`${V}, ${on(false)}`),
        view_unset: test(V),
        table_true: test(`${T}, ${on(true)}`),
        table_false: test(`${T}, ${on(false)}`),
        table_unset: test(T),
        ephemeral_true: test(`${E}, ${on(true)}`),
        ephemeral_false: test(`${E}, ${on(false)}`),
        ephemeral_unset: test(E),
        unset_true: test(on(true)),
        unset_false: test(on(false)),
        unset_unset: test(''),
      }),
      {
        view_unset_pass: ['pass', 'view'],
        view_true: ['fail', 'view'],
        view_false: ['fail', 'view'],
        view_unset: ['fail', 'view'],
        table_true: ['fail', 'table'],
        table_false: ['fail', 'table'],
        table_unset: ['fail', 'table'],
        ephemeral_true: ['fail', null],
        ephemeral_false: ['fail', null],
        ephemeral_unset: ['fail', null],
        unset_true: ['fail', 'table'],
        unset_false: ['fail', null],
        unset_unset: ['fail', null],
      },
    ));

  it('StoreTestFailuresAsProjectLevelOff: a test-level store_failures_as beats the project', () =>
    runAndAssert(
      project(
        target,
        'sfa_project_off',
        {
          results_view: test(V),
          results_table: test(T),
          results_ephemeral: test(E),
          results_unset: test(''),
        },
        'data_tests:\n  +store_failures: false\n',
      ),
      {
        results_view: ['fail', 'view'],
        results_table: ['fail', 'table'],
        results_ephemeral: ['fail', null],
        results_unset: ['fail', null],
      },
    ));

  it('StoreTestFailuresAsProjectLevelView: a project store_failures_as beats store_failures', () =>
    runAndAssert(
      project(
        target,
        'sfa_project_view',
        {
          results_true: test(`${V}, ${on(true)}`),
          results_false: test(`${V}, ${on(false)}`),
          results_unset: test(V),
        },
        'data_tests:\n  +store_failures_as: view\n',
      ),
      {
        results_true: ['fail', 'view'],
        results_false: ['fail', 'view'],
        results_unset: ['fail', 'view'],
      },
    ));

  it('StoreTestFailuresAsProjectLevelEphemeral: only a test-level store_failures_as stores', () =>
    runAndAssert(
      project(
        target,
        'sfa_project_eph',
        { results_unset: test(''), results_true: test(on(true)), results_view: test(V) },
        'data_tests:\n  +store_failures_as: ephemeral\n  +store_failures: true\n',
      ),
      {
        results_unset: ['fail', null],
        results_true: ['fail', null],
        results_view: ['fail', 'view'],
      },
    ));

  it('StoreTestFailuresAsGeneric: generic tests take store_failures_as from YAML', async () => {
    const p = suiteProject(target, 'sfa_generic', {
      ...FILES,
      'models/schema.yml': `version: 2
models:
  - name: chipmunks
    columns:
      - name: name
        data_tests:
          - not_null:
              store_failures_as: view
          - accepted_values:
              store_failures: false
              store_failures_as: table
              values: [alvin, simon, theodore]
      - name: shirt
        data_tests:
          - not_null:
              store_failures: true
              store_failures_as: view
`,
    });
    await runAndAssert(p, {
      not_null_chipmunks_name: ['pass', 'view'],
      accepted_values_chipmunks_name__alvin__simon__theodore: ['fail', 'table'],
      not_null_chipmunks_shirt: ['fail', 'view'],
    });
  });

  it("StoreTestFailuresAsExceptions: store_failures_as='error' is a Compilation Error", async () => {
    const p = project(target, 'sfa_error', {
      store_failures_as_error: test('store_failures_as="error"'),
    });
    await p.run(['seed']);
    await p.run(['run']);
    const run = await p.run(['test'], 1);
    const message = run.results.length === 1 ? (run.results[0]!.message ?? '') : run.stderr;
    expect(message).toContain('Compilation Error');
    expect(message).toContain("'error' is not a valid value");
    expect(message).toContain("Accepted values are: ['ephemeral', 'table', 'view']");
  });
}
