import { expect, it } from 'vitest';
import { awaiting } from './awaiting';
import { suiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const NAMES = ['Abe', 'Bea', 'Cal', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo'];
const HEADER = 'id,first_name,last_name,email,gender,ip_address';
const person = (i: number, id: string = String(i + 1)) =>
  `${id},${NAMES[i]},Last${i},p${i}@example.org,${i % 2 ? 'F' : 'M'},10.0.0.${i}`;
const PEOPLE = `${HEADER}\n${NAMES.map((_, i) => person(i)).join('\n')}\n`;
// The accepted values leave out the last two names: one failing row each.
const ACCEPTED = NAMES.slice(0, 8);

const FILES = {
  'seeds/people.csv': PEOPLE,
  'seeds/expected_accepted_values.csv': `value_field,n_records\n${NAMES[8]},1\n${NAMES[9]},1\n`,
  'seeds/expected_failing_test.csv': PEOPLE,
  'seeds/expected_not_null_problematic_model_id.csv': `${HEADER}\n${person(2, '')}\n${person(3, '')}\n`,
  'seeds/expected_unique_problematic_model_id.csv': 'unique_field,n_records\n2,2\n1,2\n',
  'models/fine_model.sql': "select * from {{ ref('people') }}\n",
  'models/fine_model_but_with_a_no_good_very_long_name.sql': 'select 1 as quite_long_column_name\n',
  'models/problematic_model.sql': `select * from {{ ref('people') }}
union all
select * from {{ ref('people') }} where id in (1, 2)
union all
select null as id, first_name, last_name, email, gender, ip_address from {{ ref('people') }} where id in (3, 4)
`,
  'models/schema.yml': `version: 2
models:
  - name: fine_model
    columns:
      - name: id
        data_tests: [unique, not_null]
  - name: problematic_model
    columns:
      - name: id
        data_tests:
          - unique:
              store_failures: true
          - not_null
      - name: first_name
        data_tests:
          - accepted_values:
              values: [${ACCEPTED.join(', ')}]
  - name: fine_model_but_with_a_no_good_very_long_name
    columns:
      - name: quite_long_column_name
        data_tests: [unique]
`,
  'tests/failing_test.sql': "select * from {{ ref('fine_model') }}\n",
  'tests/passing_test.sql': "select * from {{ ref('fine_model') }} where false\n",
};

// dbt's column_type_overrides, plus the all-null id (tsmodel types an all-null seed column as
// text, dbt's agate as integer).
const CONFIG = (name: string) => `seeds:
  +quote_columns: false
  ${name}:
    expected_unique_problematic_model_id:
      +column_types: {n_records: bigint}
    expected_accepted_values:
      +column_types: {n_records: bigint}
    expected_not_null_problematic_model_id:
      +column_types: {id: integer}
data_tests:
  +schema: dbt_test__aud
`;

/** dbt's store_test_failures_tests/test_store_test_failures.py. */
export function registerStoreTestFailures(target: DbtSuiteTarget): void {
  it('test__store_and_assert: failing rows kept per test, idempotently', async () => {
    const name = 'store_failures';
    const p = suiteProject(target, name, FILES, CONFIG(name));
    const audit = `${p.schema}_dbt_test__aud`;
    const auditEqual = async (table: string, expected: string) => {
      const cols = (await p.columns(expected)).map((c) => c.name).join(', ');
      const a = `select ${cols} from ${p.relation(table, audit)}`;
      const b = `select ${cols} from ${p.relation(expected)}`;
      const [diff] = await p.query(
        `select count(*) as n from ((${a} except all ${b}) union all (${b} except all ${a})) d`,
      );
      expect(Number(diff!.n), `${audit}.${table} vs ${expected}`).toBe(0);
    };
    await p.run(['seed']);
    await p.run(['run']);
    await p.run(['test'], 1);
    await auditEqual('unique_problematic_model_id', 'expected_unique_problematic_model_id');

    await p.run(['test', '--store-failures'], 1);
    const again = await p.run(['test', '--store-failures'], 1);
    const actual = again.results.map((r) => `${r.status} ${r.failures}`).sort();
    expect(actual).toEqual(
      ['pass 0', 'pass 0', 'pass 0', 'pass 0', 'fail 2', 'fail 2', 'fail 2', 'fail 10'].sort(),
    );
    await auditEqual('failing_test', 'expected_failing_test');
    await auditEqual('unique_problematic_model_id', 'expected_unique_problematic_model_id');
    // A test name too long for an identifier is cut to 30 characters and its hash (dbt's rule).
    const long = Object.keys(await p.relationTypes(audit)).find((t) =>
      t.startsWith('accepted_values_'),
    );
    expect(long).toMatch(/^accepted_values_problematic_mo_[0-9a-f]{32}$/);
    await auditEqual(long!, 'expected_accepted_values');
  });

  // not_null stores whole rows when should_store_failures() — which reads flags.STORE_FAILURES,
  // known only when the test renders as it runs.
  awaiting(
    'runtime',
    'test__store_and_assert: not_null keeps the whole failing rows under --store-failures',
    async () => {
      const name = 'store_failures_rows';
      const p = suiteProject(target, name, FILES, CONFIG(name));
      await p.run(['seed']);
      await p.run(['run']);
      await p.run(['test', '--store-failures'], 1);
      const audit = `${p.schema}_dbt_test__aud`;
      const cols = (await p.columns('expected_not_null_problematic_model_id'))
        .map((c) => c.name)
        .join(', ');
      const a = `select ${cols} from ${p.relation('not_null_problematic_model_id', audit)}`;
      const b = `select ${cols} from ${p.relation('expected_not_null_problematic_model_id')}`;
      expect(
        await p.query(
          `select count(*) as n from ((${a} except all ${b}) union all (${b} except all ${a})) d`,
        ),
      ).toEqual([{ n: 0 }]);
    },
  );

  it('test_store_limit: a test limit caps the failures counted and stored', async () => {
    const p = suiteProject(target, 'store_limit', {
      'seeds/people.csv': PEOPLE,
      'seeds/_seeds.yml': `seeds:
  - name: people
    columns:
      - name: first_name
        data_tests:
          - accepted_values:
              values: ["${NAMES[0]}"]
              config:
                store_failures_as: table
                limit: 4
`,
    });
    await p.run(['seed']);
    const run = await p.run(['test'], 1);
    // Nine rows fail; the limit is four.
    expect(run.results[0]!.failures).toBe(4);
    // dbt reads the table from the test node's relation_name, which tsmodel's manifest lacks.
    const stored = p.relation(
      `accepted_values_people_first_name__${NAMES[0]}`,
      `${p.schema}_dbt_test__audit`,
    );
    expect(await p.query(`select count(*) as cnt from ${stored}`)).toEqual([{ cnt: 4 }]);
  });
}
