import type { Connection } from '../adapter/connection';
import type { ColumnDef } from '../adapter/dialect';
import { THIS_FIXTURE } from '../compile/unit-test-renderer';
import { TsmodelError } from '../diagnostics';
import type { ManifestNode, RelationName } from '../manifest/types';
import { tmpRelation } from '../materializations/relations';
import {
  ACTUAL_OR_EXPECTED,
  emptySubquery,
  expectedColumns,
  expectedSelect,
  fixtureSelect,
  unitTestSql,
} from '../unit-tests/fixture-sql';
import {
  canonicalDecimal,
  compareRows,
  formatRowDiff,
  hasDifference,
} from '../unit-tests/row-diff';
import type { FixtureRow, UnitTestGiven, UnitTestNode } from '../unit-tests/types';
import type { NodeOutcome, NodeRunContext } from './node-context';

/** Exact numeric types, whose values drivers may return as text with the column's scale. */
const EXACT_NUMERIC = /^\s*(numeric|decimal|number)\b/i;

/**
 * Runs one unit test as dbt's `unit` materialization does: each input's rows become a query
 * typed like the input relation (read from the warehouse, so the relations must exist, if
 * empty), the model renders with those in place of its refs and sources, an empty scratch
 * table of its result gives the column types to cast the expected rows to, and one query
 * returns both sides. The rows are compared as multisets on the expected columns; a
 * difference fails the test with the differing rows as its message.
 */
export async function runUnitTest(
  ctx: NodeRunContext,
  conn: Connection,
  test: UnitTestNode,
): Promise<NodeOutcome> {
  const model = ctx.manifest.nodes[test.depends_on.nodes[0]!]!;
  try {
    const fixtures = new Map<string, string>();
    for (const given of test.given)
      fixtures.set(
        given.input.trim() === 'this' ? THIS_FIXTURE : given.node,
        await inputSql(ctx, conn, model, given),
      );
    const actual = await ctx.unitTestSql(conn, test, fixtures);
    const modelColumns = await resultColumns(ctx, conn, test, actual);
    const expected = test.expect;
    const compared =
      expected.format === 'sql'
        ? modelColumns
        : expectedColumns(rowsOf(expected.rows), modelColumns);
    const expectedSql =
      expected.format === 'sql'
        ? await ctx.renders.renderAdHoc(conn, String(expected.rows), { node: model.unique_id })
        : expectedSelect(rowsOf(expected.rows), compared, ctx.dialect);
    const names = compared.map((c) => c.name);
    const result = await conn.fetch(unitTestSql(actual, expectedSql, names, ctx.dialect), {
      label: 'unit test',
      node: test.unique_id,
    });
    const tag = result.columns.findIndex((c) => c.name.toLowerCase() === ACTUAL_OR_EXPECTED);
    const exact = compared.map((c) => EXACT_NUMERIC.test(c.dataType));
    const side = (which: string) =>
      result.rows
        .filter((r) => r[tag] === which)
        .map((r) =>
          r
            .filter((_v, i) => i !== tag)
            .map((v, i) => (exact[i] && typeof v === 'string' ? canonicalDecimal(v) : v)),
        );
    const diff = compareRows(side('actual'), side('expected'));
    if (!hasDifference(diff)) return { status: 'pass', message: '', failures: 0 };
    return {
      status: 'fail',
      message: `actual differs from expected:\n\n${formatRowDiff(names, diff)}\n`,
      failures: 1,
    };
  } catch (err) {
    throw located(test, err);
  }
}

/** The query a `given:` input becomes: its SQL as written, or its rows typed like its relation. */
async function inputSql(
  ctx: NodeRunContext,
  conn: Connection,
  model: ManifestNode,
  given: UnitTestGiven,
): Promise<string> {
  if (given.format === 'sql')
    return ctx.renders.renderAdHoc(conn, String(given.rows), { node: model.unique_id });
  const node = ctx.manifest.nodes[given.node] ?? ctx.manifest.sources[given.node];
  if (
    !node?.relation ||
    (node.resource_type === 'model' && node.config.materialized === 'ephemeral')
  )
    throw new TsmodelError({
      code: 'unit-test-input',
      message: `input ${given.input} is an ephemeral model: it has no relation to read its column types from`,
      hint: 'give its rows with format: sql (a select of the rows, with every column), as dbt requires',
    });
  const columns = await ctx.introspector(conn).getColumns(node.relation);
  if (columns.length === 0)
    throw new TsmodelError({
      code: 'unit-test-input',
      message: `input ${given.input} has no relation ${ctx.dialect.renderRelation(node.relation)} to read its column types from`,
      hint:
        given.input.trim() === 'this'
          ? `a 'this' input is typed like the model's own table: build it once without data, tsmodel run --select ${model.name} --empty`
          : `unit tests type their rows like the input relations, so those must exist (empty is enough, as in dbt): tsmodel build --select +${model.name} --exclude ${model.name} --empty`,
    });
  return fixtureSelect(rowsOf(given.rows), columns, ctx.dialect, `'${node.name}'`);
}

/**
 * The columns and types the model returns for these fixtures: an empty scratch table created
 * from its SQL beside the model (dbt's temp relation), read and dropped.
 */
async function resultColumns(
  ctx: NodeRunContext,
  conn: Connection,
  test: UnitTestNode,
  sql: string,
): Promise<ColumnDef[]> {
  const scratch: RelationName = tmpRelation(test.relation!, ctx.dialect);
  const run = (label: string, statement: string) =>
    conn.execute(statement, { label, node: test.unique_id });
  await run('drop scratch table', ctx.dialect.dropRelation('table', scratch, true));
  await run('create scratch table', ctx.dialect.createTableAs(scratch, emptySubquery(sql)));
  try {
    return await ctx.introspector(conn).getColumns(scratch);
  } finally {
    await run('drop scratch table', ctx.dialect.dropRelation('table', scratch, true));
  }
}

function rowsOf(rows: FixtureRow[] | string): FixtureRow[] {
  return Array.isArray(rows) ? rows : [];
}

/** An error of the test, naming it and where it is written (dbt: "check the data types"). */
function located(test: UnitTestNode, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  const hint = err instanceof TsmodelError && err.hint ? ` — ${err.hint}` : '';
  const where = `${test.original_file_path}${test.line !== undefined ? `:${test.line}` : ''}`;
  return new TsmodelError({
    code: err instanceof TsmodelError ? err.code : 'unit-test-failed',
    message: `unit test '${test.name}' of model '${test.model}' (${where}): ${message}${hint}`,
    location: {
      file: test.original_file_path,
      ...(test.line !== undefined ? { line: test.line } : {}),
    },
    node: test.unique_id,
    cause: err,
  });
}
