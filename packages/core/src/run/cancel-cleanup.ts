import type { Connection } from '../adapter/connection';
import type { Dialect } from '../adapter/dialect';
import type { Introspector, RelationInfo } from '../adapter/introspector';
import { runSteps } from '../adapter/run-steps';
import type { RelationName } from '../manifest/types';
import {
  backupRelation,
  planLeftoverCleanup,
  tmpRelation,
  TMP_SUFFIX,
} from '../materializations/relations';
import { distinctSchemas } from './relation-cache';

/**
 * Drops the staging relations that nodes interrupted by a signal left behind: an incremental
 * model's `__tsmodel_tmp` (or a microbatch batch's) staged before the cancel reached its
 * merge, or a `__tsmodel_backup` whose swap committed just before its drop was refused. Transactions already rolled back; this
 * is for the statements that run on their own. A backup is dropped only while the relation it
 * backs up exists — on an engine without transactional DDL it may be the only copy left.
 *
 * Runs once every interrupted node has settled, on a connection that ignores the cancel.
 * Returns the dropped relations as `schema.name`.
 */
export async function dropInterruptedStaging(
  conn: Connection,
  introspector: Introspector,
  dialect: Dialect,
  interrupted: readonly RelationName[],
): Promise<string[]> {
  const dropped: string[] = [];
  const fold = (name: string) => dialect.foldIdentifier(name);
  for (const schema of distinctSchemas(interrupted)) {
    const listed = await introspector.listRelations(schema.database, schema.schema);
    const byName = new Map(listed.map((r) => [fold(r.name), r]));
    const staging: RelationInfo[] = [];
    for (const rel of interrupted) {
      if (rel.schema !== schema.schema || rel.database !== schema.database) continue;
      const tmp = byName.get(fold(tmpRelation(rel, dialect).identifier));
      if (tmp) staging.push(tmp);
      // A microbatch model's batches stage as `<model>__<batch id>__tsmodel_tmp`.
      const batchPrefix = fold(`${rel.identifier}__`);
      for (const r of listed) {
        const name = fold(r.name);
        if (r !== tmp && name.startsWith(batchPrefix) && name.endsWith(fold(TMP_SUFFIX)))
          staging.push(r);
      }
      const backup = byName.get(fold(backupRelation(rel, dialect).identifier));
      if (backup && byName.has(fold(rel.identifier))) staging.push(backup);
    }
    await runSteps(conn, planLeftoverCleanup(schema, staging, dialect));
    dropped.push(...staging.map((r) => `${schema.schema}.${r.name}`));
  }
  return dropped;
}
