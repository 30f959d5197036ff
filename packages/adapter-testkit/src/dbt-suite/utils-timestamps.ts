import { expect, it } from 'vitest';
import { awaiting } from './awaiting';
import { suiteProject, type SuiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

const MODEL = `select {{ current_timestamp() }} as current_timestamp,
       {{ current_timestamp_in_utc_backcompat() }} as current_timestamp_in_utc_backcompat,
       {{ current_timestamp_backcompat() }} as current_timestamp_backcompat
`;

/** Column types as each engine names them: aware, then two naive timestamps. */
const EXPECTED_TYPES: Record<string, string[]> = {
  postgres: [
    'timestamp with time zone',
    'timestamp without time zone',
    'timestamp without time zone',
  ],
  duckdb: ['timestamp with time zone', 'timestamp', 'timestamp'],
};

const squash = (sql: string) => sql.replace(/\s+/g, '').toLowerCase();

/** dbt's utils/test_timestamps.py and test_validate_sql.py. */
export function registerUtilsTimestamps(target: DbtSuiteTarget): void {
  const built = async (name: string): Promise<SuiteProject> => {
    const p = suiteProject(target, name, { 'models/get_current_timestamp.sql': MODEL });
    expect((await p.run(['run'])).results).toHaveLength(1);
    return p;
  };

  it('test_current_timestamps: an aware current_timestamp and two naive back-compat forms', async () => {
    const p = await built('timestamps');
    const types = (await p.columns('get_current_timestamp')).map((c) => [
      c.name,
      c.dataType.toLowerCase(),
    ]);
    expect(types).toEqual(
      [
        'current_timestamp',
        'current_timestamp_in_utc_backcompat',
        'current_timestamp_backcompat',
      ].map((c, i) => [c, EXPECTED_TYPES[target.type]![i]]),
    );
  });

  // dbt's expected SQL is PostgreSQL's (adapters override it).
  if (target.type === 'postgres')
    awaiting('runtime', "test_current_timestamps: the compiled SQL is dbt-postgres's", async () => {
      const p = await built('timestamps_sql');
      expect(
        squash(p.read('target/compiled/timestamps_sql/models/get_current_timestamp.sql')),
      ).toBe(
        squash(`select now() as current_timestamp,
       (current_timestamp at time zone 'utc')::TIMESTAMP as current_timestamp_in_utc_backcompat,
       current_timestamp::TIMESTAMP as current_timestamp_backcompat`),
      );
    });

  awaiting(
    'runtime',
    'test_validate_sql: adapter.validate_sql passes good SQL and raises on bad',
    async () => {
      const p = suiteProject(target, 'validate_sql', {
        'macros/check.sql': `{% macro check(sql) %}{% do adapter.validate_sql(sql) %}{% endmacro %}\n`,
      });
      await p.run(['run-operation', 'check', '--args', '{sql: "select 1"}']);
      await p.run(
        [
          'run-operation',
          'check',
          '--args',
          `{sql: "Let's run some invalid SQL and see if we get an error!"}`,
        ],
        1,
      );
    },
  );
}
