/**
 * Runs the Snowplow data-models Great Expectations suites (copied in expected/great_expectations)
 * against a DuckDB relation or query: each expectation becomes one SQL check, and the failures
 * come back as readable strings, so a test asserts `[]`.
 */
import { readFileSync } from 'node:fs';
import { PROJECT_DIR, query } from './harness';

interface Expectation {
  expectation_type: string;
  kwargs: Record<string, unknown>;
}

/**
 * Failed expectations of suite `name` (e.g. `page_views`) on `relation` (a table or `(select …)`).
 * Suites are read from `suiteDir` (default: this project's expected/great_expectations/).
 */
export async function failedExpectations(
  database: string,
  name: string,
  relation: string,
  suiteDir = `${PROJECT_DIR}expected/great_expectations/`,
): Promise<string[]> {
  const file = `${suiteDir}${name}.json`;
  const suite = JSON.parse(readFileSync(file, 'utf8')) as { expectations: Expectation[] };
  const columns = (await query(database, `describe select * from ${relation} as r`)).map((c) =>
    String(c.column_name),
  );
  const failures: string[] = [];
  for (const e of suite.expectations) {
    const col = `"${String(e.kwargs.column)}"`;
    const count = async (where: string) =>
      Number(
        (await query(database, `select count(*) as n from ${relation} as r where ${where}`))[0]!.n,
      );
    switch (e.expectation_type) {
      case 'expect_table_columns_to_match_ordered_list': {
        const want = e.kwargs.column_list as string[];
        if (JSON.stringify(want) !== JSON.stringify(columns))
          failures.push(`column list differs: want ${want.join(',')} got ${columns.join(',')}`);
        break;
      }
      case 'expect_table_column_count_to_equal':
        if (columns.length !== e.kwargs.value)
          failures.push(`column count ${columns.length}, want ${String(e.kwargs.value)}`);
        break;
      case 'expect_column_values_to_not_be_null': {
        const n = await count(`${col} is null`);
        if (n > 0) failures.push(`${col}: ${n} NULL values`);
        break;
      }
      case 'expect_column_values_to_be_unique': {
        const [r] = await query(
          database,
          `select count(${col}) - count(distinct ${col}) as n from ${relation} as r`,
        );
        if (Number(r!.n) > 0) failures.push(`${col}: ${Number(r!.n)} duplicate values`);
        break;
      }
      case 'expect_column_values_to_be_in_set': {
        const set = (e.kwargs.value_set as unknown[]).map((v) => JSON.stringify(v)).join(', ');
        const n = await count(`${col} not in (${set})`);
        if (n > 0) failures.push(`${col}: ${n} values outside {${set}}`);
        break;
      }
      case 'expect_column_values_to_be_between': {
        const n = await count(
          `${col} < ${Number(e.kwargs.min_value)} or ${col} > ${Number(e.kwargs.max_value)}`,
        );
        if (n > 0) failures.push(`${col}: ${n} values outside the range`);
        break;
      }
      case 'expect_column_min_to_be_between': {
        const [r] = await query(database, `select min(${col}) as m from ${relation} as r`);
        if (Number(r!.m) < Number(e.kwargs.min_value)) failures.push(`${col}: min ${String(r!.m)}`);
        break;
      }
      default:
        failures.push(`unsupported expectation ${e.expectation_type}`);
    }
  }
  return failures;
}
