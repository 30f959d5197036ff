import { createHash } from 'node:crypto';
import type { Dialect, RelationKind } from '../adapter/dialect';
import type { RelationInfo } from '../adapter/introspector';
import type { RelationName } from '../manifest/types';
import { keepingDependents, step, type Step } from './step';

/** Suffix of the relation a build writes before it is swapped in. */
export const TMP_SUFFIX = '__tsmodel_tmp';
/** Suffix the previous relation carries between the swap and its drop. */
export const BACKUP_SUFFIX = '__tsmodel_backup';

/**
 * `identifier + suffix`, shortened to the engine's identifier limit. Engines such as Postgres
 * truncate silently, so two long model names could map to one tmp name; a hash of the full
 * identifier keeps shortened names distinct.
 */
export function suffixedRelation(
  rel: RelationName,
  suffix: string,
  dialect: Dialect,
): RelationName {
  const max = dialect.capabilities.maxIdentifierLength;
  let identifier = rel.identifier + suffix;
  if (identifier.length > max) {
    const hash = createHash('sha256').update(rel.identifier).digest('hex').slice(0, 8);
    identifier = `${rel.identifier.slice(0, max - suffix.length - hash.length - 1)}_${hash}${suffix}`;
  }
  return { ...rel, identifier };
}

export function tmpRelation(rel: RelationName, dialect: Dialect): RelationName {
  return suffixedRelation(rel, TMP_SUFFIX, dialect);
}

export function backupRelation(rel: RelationName, dialect: Dialect): RelationName {
  return suffixedRelation(rel, BACKUP_SUFFIX, dialect);
}

/**
 * The tmp/backup relations a crashed or killed run left behind in a listed schema. The next run
 * drops them before building, or a create of `x__tsmodel_tmp` would fail on the leftover.
 */
export function leftoverRelations(relations: readonly RelationInfo[]): RelationInfo[] {
  return relations.filter((r) => {
    const name = r.name.toLowerCase();
    return name.endsWith(TMP_SUFFIX) || name.endsWith(BACKUP_SUFFIX);
  });
}

/** Drop steps for leftovers found by `leftoverRelations`, each with the kind the catalog reported. */
export function planLeftoverCleanup(
  schema: Pick<RelationName, 'database' | 'schema'>,
  leftovers: readonly RelationInfo[],
  dialect: Dialect,
): Step[] {
  return leftovers.map((r) =>
    step(
      'drop',
      `drop leftover ${r.name}`,
      dialect.dropRelation(r.kind, { ...schema, identifier: r.name }, true),
      false,
    ),
  );
}

/**
 * Moves `tmp` into `target`'s place: old → backup, tmp → target, then drop the backup. The two
 * renames are transactional where DDL is, so readers see either the old or the new relation;
 * the backup is dropped after the commit so a slow drop never holds the swap's locks.
 */
export function swapSteps(
  target: RelationName,
  existingKind: RelationKind,
  tmp: RelationName,
  tmpKind: RelationKind,
  dialect: Dialect,
): Step[] {
  const tx = dialect.capabilities.transactionalDdl;
  const backup = backupRelation(target, dialect);
  return [
    keepingDependents(
      step(
        'rename',
        'move old to backup',
        dialect.renameRelation(existingKind, target, backup.identifier),
        tx,
      ),
      target,
      dialect,
    ),
    step(
      'rename',
      'move new into place',
      dialect.renameRelation(tmpKind, tmp, target.identifier),
      tx,
    ),
    step('drop', 'drop backup', dialect.dropRelation(existingKind, backup, true), false),
  ];
}
