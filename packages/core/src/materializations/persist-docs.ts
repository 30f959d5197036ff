import type { Dialect, RelationKind } from '../adapter/dialect';
import { TsmodelError } from '../diagnostics';
import type { RelationName } from '../manifest/types';
import { step, type PlanNode, type Step } from './step';

/** The documentation a node carries into its plan: descriptions from YAML, `doc()` resolved. */
export interface NodeDocs {
  description?: string;
  columns?: Record<string, { name: string; description: string }>;
}

/**
 * persist_docs' column comments. Which documented columns the relation really has is known
 * only once it is built, so the plan holds this request instead of the statements: the runner
 * reads the relation's columns with the step's SQL (a zero-row select, in the same transaction)
 * and writes a comment per documented column it has (`columnCommentStatements`).
 */
export interface ColumnDocs {
  relation: RelationName;
  kind: RelationKind;
  /** Documented columns with a description, named as the YAML names them. */
  columns: Array<{ name: string; comment: string }>;
}

/**
 * dbt's `persist_docs` config: `{relation: true}` writes the node's description as the
 * relation's comment, `{columns: true}` each column's description as the column's. Other
 * keys are ignored, as dbt ignores them; anything but a mapping is a config error.
 */
export function persistDocsConfig(
  value: unknown,
  node: string,
): { relation: boolean; columns: boolean } {
  if (value === undefined || value === null) return { relation: false, columns: false };
  if (typeof value !== 'object' || Array.isArray(value))
    throw new TsmodelError({
      code: 'bad-config',
      message: `persist_docs of ${node} must be a mapping, got ${JSON.stringify(value)}`,
      node,
      hint: 'set persist_docs: {relation: true, columns: true}',
    });
  const docs = value as Record<string, unknown>;
  return { relation: docs.relation === true, columns: docs.columns === true };
}

/**
 * The plan with persist_docs' comments added right after the step that puts the relation in
 * place: where DDL is transactional that is the end of the swap's transaction, so readers see
 * the new relation with its comments or the old one; elsewhere (Snowflake) the comments follow
 * the build. Unchanged when the node asks for no comment or has no description to write.
 */
export function withPersistDocs(
  steps: Step[],
  node: Pick<PlanNode, 'unique_id' | 'relation' | 'config' | 'docs'>,
  kind: RelationKind,
  dialect: Dialect,
): Step[] {
  const wanted = persistDocsConfig(node.config.persist_docs, node.unique_id);
  const tx = dialect.capabilities.transactionalDdl;
  const comments: Step[] = [];
  const description = node.docs?.description?.trim() ? node.docs.description : undefined;
  if (wanted.relation && description !== undefined)
    comments.push(
      step(
        'comment',
        `comment on ${kind}`,
        dialect.relationComment(kind, node.relation, description),
        tx,
      ),
    );
  const columns = Object.values(node.docs?.columns ?? {})
    .filter((c) => c.description.trim() !== '')
    .map((c) => ({ name: c.name, comment: c.description }));
  const canComment = kind === 'table' || dialect.viewColumnComments !== false;
  if (wanted.columns && columns.length > 0 && canComment)
    comments.push({
      ...step(
        'comment',
        'comment on columns',
        `select * from ${dialect.renderRelation(node.relation)} where 1 = 0`,
        tx,
      ),
      columnDocs: { relation: node.relation, kind, columns },
    });
  if (comments.length === 0) return steps;
  const at = tx ? lastTransactional(steps) + 1 : steps.length;
  return [...steps.slice(0, at), ...comments, ...steps.slice(at)];
}

function lastTransactional(steps: Step[]): number {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.transactional) return i;
  return steps.length - 1;
}

/**
 * The comment statements for the documented columns the built relation has (`existing`, as the
 * engine names them), and the documented ones it lacks. A name matches exactly, else without
 * case when one column alone matches (YAML `id`, PostgreSQL `id`, Snowflake `ID`); the
 * statement names the column as the engine does.
 */
export function columnCommentStatements(
  dialect: Dialect,
  docs: ColumnDocs,
  existing: readonly string[],
): { statements: string[]; missing: string[] } {
  const statements: string[] = [];
  const missing: string[] = [];
  for (const { name, comment } of docs.columns) {
    const folded = existing.filter((e) => e.toLowerCase() === name.toLowerCase());
    const column = existing.includes(name) ? name : folded.length === 1 ? folded[0] : undefined;
    if (column === undefined) missing.push(name);
    else statements.push(dialect.columnComment(docs.kind, docs.relation, column, comment));
  }
  return { statements, missing };
}
