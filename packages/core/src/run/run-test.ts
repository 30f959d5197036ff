import type { Connection } from '../adapter/connection';
import { runSteps } from '../adapter/run-steps';
import type { ManifestNode, NodeConfig, RelationName } from '../manifest/types';
import { TsmodelError } from '../diagnostics';
import { step } from '../materializations/step';
import { createAuditSchemaOnce } from './audit-schema';
import type { NodeOutcome, NodeRunContext } from './node-context';

/**
 * dbt's test query: the test's SQL selects failing rows; this wraps it into one row that says
 * how many failed and whether that crosses `warn_if` / `error_if`.
 */
export function wrapTestSql(sql: string, config: NodeConfig): string {
  const failCalc = stringConfig(config.fail_calc, 'count(*)');
  const warnIf = stringConfig(config.warn_if, '!= 0');
  const errorIf = stringConfig(config.error_if, '!= 0');
  return [
    'select',
    `  ${failCalc} as failures,`,
    `  ${failCalc} ${warnIf} as should_warn,`,
    `  ${failCalc} ${errorIf} as should_error`,
    'from (',
    limitedTestSql(sql, config),
    ') dbt_internal_test',
  ].join('\n');
}

/** The failing rows a test reads, counts and stores: its SQL under its `limit` config. */
function limitedTestSql(sql: string, config: NodeConfig): string {
  const limit = typeof config.limit === 'number' ? `\nlimit ${config.limit}` : '';
  return `${sql.trim()}${limit}`;
}

/** Where `store_failures` keeps a test's failing rows: `<target schema>_dbt_test__audit.<name>`. */
export function auditRelation(
  node: ManifestNode,
  targetSchema: string,
  database?: string,
): RelationName {
  const schema = typeof node.config.schema === 'string' ? node.config.schema : 'dbt_test__audit';
  return {
    ...(database !== undefined ? { database } : {}),
    schema: `${targetSchema}_${schema}`,
    identifier: typeof node.config.alias === 'string' ? node.config.alias : node.name,
  };
}

interface TestRow {
  failures: unknown;
  should_warn: unknown;
  should_error: unknown;
}

/**
 * Runs one data test. `severity: error` fails the test when `error_if` holds; otherwise it
 * warns when `warn_if` holds (dbt's order). With `store_failures` the failing rows are
 * (re)written to the audit table first, so they can be inspected after a failure.
 */
export async function runTest(
  ctx: NodeRunContext,
  conn: Connection,
  node: ManifestNode,
  target: { schema: string; database?: string },
): Promise<NodeOutcome> {
  const sql = await ctx.renders.nodeSql(conn, node, false);
  const storeAs = storeFailuresAs(node, ctx.storeFailures);
  if (storeAs)
    await storeFailures(ctx, conn, node, limitedTestSql(sql, node.config), target, storeAs);
  const rows = await conn.query<TestRow>(wrapTestSql(sql, node.config));
  const row = rows[0];
  const failures = row ? Number(row.failures ?? 0) : 0;
  const severity = String(node.config.severity ?? 'ERROR').toUpperCase();
  const status =
    severity === 'ERROR' && truthy(row?.should_error)
      ? 'fail'
      : truthy(row?.should_warn)
        ? 'warn'
        : 'pass';
  const condition = status === 'fail' ? node.config.error_if : node.config.warn_if;
  const message =
    status === 'pass'
      ? ''
      : `Got ${failures} result${failures === 1 ? '' : 's'}, configured to ${status} if ${String(condition ?? '!= 0')}`;
  return { status, message, failures, rowsAffected: failures };
}

/**
 * How a test keeps its failing rows, dbt's rules: `store_failures_as` (`table`, `view`, or
 * `ephemeral` for not at all) wins, then `store_failures`, then `--store-failures`.
 */
export function storeFailuresAs(node: ManifestNode, flag: boolean): 'table' | 'view' | undefined {
  const as = node.config.store_failures_as;
  if (as !== undefined && as !== null) {
    if (as === 'table' || as === 'view') return as;
    if (as === 'ephemeral') return undefined;
    throw new TsmodelError({
      code: 'store-failures-as',
      // dbt's words, which its adapter tests match.
      message: `Compilation Error in ${node.unique_id}: '${String(as)}' is not a valid value for store_failures_as. Accepted values are: ['ephemeral', 'table', 'view']`,
      node: node.unique_id,
      hint: 'use table, view, or ephemeral (not stored)',
    });
  }
  const configured = node.config.store_failures;
  return (typeof configured === 'boolean' ? configured : flag) ? 'table' : undefined;
}

async function storeFailures(
  ctx: NodeRunContext,
  conn: Connection,
  node: ManifestNode,
  sql: string,
  target: { schema: string; database?: string },
  as: 'table' | 'view',
): Promise<void> {
  const { dialect } = ctx;
  const rel = auditRelation(node, target.schema, target.database);
  const tx = dialect.capabilities.transactionalDdl;
  await createAuditSchemaOnce(ctx, conn, node.unique_id, rel);
  // The previous failures may be a table or a view (store_failures_as changed): drop what is there.
  const existing = (await ctx.introspector(conn).listRelations(rel.database, rel.schema)).find(
    (r) => dialect.identifierKey(r.name) === dialect.identifierKey(rel.identifier),
  );
  await runSteps(
    conn,
    [
      ...(existing
        ? [step('drop', 'drop old failures', dialect.dropRelation(existing.kind, rel, true), tx)]
        : []),
      as === 'view'
        ? step('create', 'store failures', dialect.createViewAs(rel, sql, { replace: false }), tx)
        : step('create', 'store failures', dialect.createTableAs(rel, sql), tx),
    ],
    node.unique_id,
  );
}

function stringConfig(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value : fallback;
}

function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === 'true';
}
