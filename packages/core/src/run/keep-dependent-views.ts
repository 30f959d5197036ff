import type { StatementRunner } from '../adapter/connection';
import {
  dependentName,
  type DependentView,
  type DependentViewsSql,
} from '../adapter/dependent-views';
import type { Dialect } from '../adapter/dialect';
import type { DependentsKeeper, DetachedDependents } from '../adapter/run-steps';
import { TsmodelError } from '../diagnostics';
import type { RelationName } from '../manifest/types';

/** What a swap did with the views that depended on the relation it replaced. */
export interface KeptDependents {
  /** The replaced relation, `schema.identifier`. */
  relation: string;
  /** Recreated over the new relation, with their owner, grants and comments. */
  kept: string[];
  /**
   * Models of this run that a later node rebuilds anyway, whose old query no longer fits the new
   * relation: left dropped for their own node to create.
   */
  dropped: string[];
}

export interface KeeperOptions {
  sql: DependentViewsSql;
  dialect: Dialect;
  /** The node whose rebuild this is, for statement labels and errors. */
  node: string;
  /** Whether a view is a model this run rebuilds after the current node. */
  rebuiltLater(view: DependentView): boolean;
  report(kept: KeptDependents): void;
}

const SAVEPOINT = 'tsmodel_keep_view';

/**
 * The runner's side of `DependentViewsSql`: lists the dependents of the relation about to be
 * detached, drops them deepest first (plain `drop`: an object depending on a view, or a view we
 * may not drop, fails the swap instead of vanishing), and recreates them shallowest first at the
 * end of the transaction. A view that cannot be recreated rolls the whole swap back with an error
 * naming it — except a model this run rebuilds next, which is tried under a savepoint and left to
 * its own node when its old query no longer fits (where the engine has no savepoints, it is left
 * to its node straight away, as dbt does).
 */
export function dependentViewsKeeper(options: KeeperOptions): DependentsKeeper {
  const { sql, dialect, node } = options;
  const label = (verb: string, view: DependentView) =>
    `${verb} dependent ${view.kind} ${dependentName(view)}`;
  return {
    async detach(tx, relation) {
      // Take turns with other swaps first: listing already locks the views it reads, and a swap
      // sharing one of them would then wait on us while we wait on it.
      if (sql.serialize)
        await tx.execute(sql.serialize, { label: 'wait for other swaps keeping views', node });
      const listed = sql.list(relation);
      const views = (await tx.query(listed.sql, listed.params)).map((row) => sql.fromRow(row));
      const target = `${relation.schema}.${relation.identifier}`;
      for (const view of [...views].reverse()) {
        try {
          await tx.execute(sql.drop(view), { label: label('drop', view), node });
        } catch (cause) {
          throw keepError(view, target, cause, 'drop');
        }
      }
      return restorer(views, target);
    },
  };

  function restorer(views: DependentView[], target: string): DetachedDependents {
    const outcome: KeptDependents = { relation: target, kept: [], dropped: [] };
    return {
      async restore(tx) {
        for (const view of views) {
          const later = options.rebuiltLater(view);
          if (later && !sql.savepoints) {
            outcome.dropped.push(dependentName(view));
            continue;
          }
          if (later) {
            await tx.execute(`savepoint ${SAVEPOINT}`, { label: 'savepoint', node });
            try {
              await recreate(tx, view);
              await tx.execute(`release savepoint ${SAVEPOINT}`, { label: 'release', node });
            } catch {
              await tx.execute(`rollback to savepoint ${SAVEPOINT}`, { label: 'rollback', node });
              outcome.dropped.push(dependentName(view));
              continue;
            }
          } else {
            try {
              await recreate(tx, view);
            } catch (cause) {
              throw keepError(view, target, cause, 'recreate');
            }
          }
          outcome.kept.push(dependentName(view));
        }
      },
      committed() {
        if (views.length > 0) options.report(outcome);
      },
    };
  }

  async function recreate(tx: StatementRunner, view: DependentView): Promise<void> {
    for (const statement of sql.recreate(view))
      await tx.execute(statement, { label: label('recreate', view), node });
  }

  function keepError(
    view: DependentView,
    target: string,
    cause: unknown,
    what: 'drop' | 'recreate',
  ): TsmodelError {
    const name = dependentName(view);
    const reason = driverMessage(cause);
    const hint =
      what === 'drop'
        ? `tsmodel must drop and recreate ${name} to rebuild ${target}: run as its owner (${view.owner}) or a member of that role, or drop what depends on ${name}`
        : `change or drop ${name} so it reads the new ${target} (its query: ${dialect.quoteString(view.definition.replace(/\s+/g, ' ').trim().slice(0, 120))}), or select its model in the same run`;
    return new TsmodelError({
      code: 'dependent-view',
      message: `cannot keep ${view.kind} ${name}, which depends on ${target}: ${reason}. The rebuild of ${target} was rolled back; ${target} and ${name} are unchanged — ${hint}`,
      node,
      hint,
      cause,
    });
  }
}

/** The engine's own words, without the `postgres error in step '…':` prefix of an AdapterError. */
function driverMessage(cause: unknown): string {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  return inner instanceof Error ? inner.message : String(inner);
}

/** `schema.identifier` of a relation, folded, to match catalog names against model relations. */
export function relationKey(rel: Pick<RelationName, 'schema' | 'identifier'>, dialect: Dialect) {
  return `${dialect.foldIdentifier(rel.schema)}.${dialect.foldIdentifier(rel.identifier)}`;
}
