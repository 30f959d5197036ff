import type { Connection } from '../adapter/connection';
import { runSteps } from '../adapter/run-steps';
import type { RelationName } from '../manifest/types';
import { step } from '../materializations/step';
import type { NodeRunContext } from './node-context';

/** Per run (its context), the audit schemas being or already created, by name. */
const created = new WeakMap<NodeRunContext, Map<string, Promise<unknown>>>();

/**
 * Creates the schema a test stores its failures in, once per run: tests on several threads
 * that all issued `create schema if not exists` at once conflicted (DuckDB: a catalog
 * write-write conflict; PostgreSQL: a duplicate key), failing all but one of them.
 */
export function createAuditSchemaOnce(
  ctx: NodeRunContext,
  conn: Connection,
  nodeId: string,
  rel: RelationName,
): Promise<unknown> {
  let schemas = created.get(ctx);
  if (!schemas) created.set(ctx, (schemas = new Map()));
  const key = `${rel.database ?? ''}\u0000${rel.schema}`;
  let creating = schemas.get(key);
  if (!creating) {
    creating = runSteps(
      conn,
      [step('create', 'create audit schema', ctx.dialect.createSchemaIfNotExists(rel), false)],
      nodeId,
    );
    schemas.set(key, creating);
  }
  return creating;
}
