import { TsmodelError } from '../diagnostics';
import type { ColumnDef, Dialect } from '../adapter/dialect';
import type { RelationName } from '../manifest/types';
import { keepingDependents, step, type Step } from './step';

export const ON_SCHEMA_CHANGE_MODES = [
  'ignore',
  'fail',
  'append_new_columns',
  'sync_all_columns',
] as const;
export type OnSchemaChange = (typeof ON_SCHEMA_CHANGE_MODES)[number];

/** How the staged rows' columns differ from the target's. Names compare case-insensitively. */
export interface SchemaDiff {
  added: ColumnDef[];
  removed: ColumnDef[];
  /** Columns whose type changed, with the incoming type. */
  changed: ColumnDef[];
}

export function diffColumns(
  existing: readonly ColumnDef[],
  incoming: readonly ColumnDef[],
): SchemaDiff {
  const key = (c: ColumnDef) => c.name.toLowerCase();
  const before = new Map(existing.map((c) => [key(c), c]));
  const after = new Map(incoming.map((c) => [key(c), c]));
  return {
    added: incoming.filter((c) => !before.has(key(c))),
    removed: existing.filter((c) => !after.has(key(c))),
    changed: incoming.filter((c) => {
      const old = before.get(key(c));
      return old !== undefined && old.dataType.toLowerCase() !== c.dataType.toLowerCase();
    }),
  };
}

export function isEmptyDiff(diff: SchemaDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length === 0;
}

export interface SchemaChangePlan {
  /** ALTER statements that bring the target in line, run before the rows are written. */
  steps: Step[];
  /** Columns the strategy writes, in target order. */
  columns: string[];
}

/**
 * dbt's `on_schema_change`, applied to the diff:
 * - `ignore`: keep the target as is and write the columns both sides have (a removed column is
 *   left NULL rather than failing the insert);
 * - `fail`: any difference is an error that says how to proceed;
 * - `append_new_columns`: add new columns, keep removed ones;
 * - `sync_all_columns`: add new, drop removed, change altered types.
 */
export function planSchemaChange(input: {
  mode: OnSchemaChange;
  target: RelationName;
  existing: readonly ColumnDef[];
  incoming: readonly ColumnDef[];
  dialect: Dialect;
  node: string;
}): SchemaChangePlan {
  const { mode, target, existing, incoming, dialect, node } = input;
  const diff = diffColumns(existing, incoming);
  const incomingNames = new Set(incoming.map((c) => c.name.toLowerCase()));
  const shared = existing.filter((c) => incomingNames.has(c.name.toLowerCase())).map((c) => c.name);
  const tx = dialect.capabilities.transactionalDdl;
  const alter = (label: string, sqls: string[]) => sqls.map((s) => step('alter', label, s, tx));
  switch (mode) {
    case 'ignore':
      return { steps: [], columns: shared };
    case 'fail':
      if (!isEmptyDiff(diff)) throw schemaChangeError(diff, node);
      return { steps: [], columns: shared };
    case 'append_new_columns':
      return {
        steps: alter('add new columns', dialect.addColumns(target, diff.added)),
        columns: [...shared, ...diff.added.map((c) => c.name)],
      };
    case 'sync_all_columns': {
      // Dropping or retyping a column that a view reads fails (PostgreSQL) or drops the view
      // (Redshift rebuilds columns with cascade): the first such step keeps the dependent views.
      const [first, ...rest] = [
        ...alter(
          'drop removed columns',
          dialect.dropColumns(
            target,
            diff.removed.map((c) => c.name),
          ),
        ),
        ...alter('change column types', dialect.alterColumnTypes(target, diff.changed)),
      ];
      return {
        steps: [
          ...alter('add new columns', dialect.addColumns(target, diff.added)),
          ...(first ? [keepingDependents(first, target, dialect), ...rest] : []),
        ],
        columns: [...shared, ...diff.added.map((c) => c.name)],
      };
    }
  }
}

function schemaChangeError(diff: SchemaDiff, node: string): TsmodelError {
  const parts = [
    diff.added.length > 0 ? `added ${diff.added.map((c) => c.name).join(', ')}` : '',
    diff.removed.length > 0 ? `removed ${diff.removed.map((c) => c.name).join(', ')}` : '',
    diff.changed.length > 0
      ? `changed type of ${diff.changed.map((c) => `${c.name} → ${c.dataType}`).join(', ')}`
      : '',
  ].filter(Boolean);
  return new TsmodelError({
    code: 'schema-change',
    // dbt raises a Compilation Error here, and its adapter tests match those words.
    message: `Compilation Error in ${node}: the source and target schemas of this incremental model are out of sync (${parts.join('; ')}) and on_schema_change is 'fail'`,
    node,
    hint: "run with --full-refresh, or set on_schema_change: 'append_new_columns' or 'sync_all_columns'",
  });
}
