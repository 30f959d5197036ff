import { closest } from 'fastest-levenshtein';
import type { NodeConfig } from '../manifest/types';
import { TsmodelError } from '../diagnostics';

export const SNAPSHOT_STRATEGIES = ['timestamp', 'check'] as const;
export const HARD_DELETES_MODES = ['ignore', 'invalidate', 'new_record'] as const;
export type HardDeletes = (typeof HARD_DELETES_MODES)[number];

/** The columns a snapshot adds to its query's, by their dbt names (`snapshot_meta_column_names`). */
export interface SnapshotColumnNames {
  dbt_valid_from: string;
  dbt_valid_to: string;
  dbt_scd_id: string;
  dbt_updated_at: string;
  dbt_is_deleted: string;
}

const DEFAULT_COLUMN_NAMES: SnapshotColumnNames = {
  dbt_valid_from: 'dbt_valid_from',
  dbt_valid_to: 'dbt_valid_to',
  dbt_scd_id: 'dbt_scd_id',
  dbt_updated_at: 'dbt_updated_at',
  dbt_is_deleted: 'dbt_is_deleted',
};

/**
 * A snapshot's config, checked once and typed, so the planners never read loose config keys.
 * dbt pastes `unique_key`, `updated_at` and `dbt_valid_to_current` into its SQL as written, so
 * they are SQL expressions here too (`unique_key: "id || '-' || region"` is a valid key).
 */
export interface SnapshotSpec {
  strategy: 'timestamp' | 'check';
  /** The key expressions. */
  uniqueKey: string[];
  /**
   * Whether `unique_key` was written as a list: dbt names the key columns of its staging rows
   * `dbt_unique_key_1…n` for a list (even of one) and `dbt_unique_key` for a single key.
   */
  keyIsList: boolean;
  /** `timestamp`: the column that says when a row changed; `check`: optional, else the snapshot time. */
  updatedAt?: string;
  /** `check` only: `all`, or the columns compared. */
  checkCols?: 'all' | string[];
  hardDeletes: HardDeletes;
  columnNames: SnapshotColumnNames;
  /** `dbt_valid_to_current`: the value current rows carry in `dbt_valid_to` instead of null. */
  validToCurrent?: string;
}

/**
 * Reads and checks a snapshot's config: dbt's rules (a strategy and a key; `updated_at` for
 * `timestamp`, `check_cols` for `check`; `hard_deletes` xor the legacy `invalidate_hard_deletes`),
 * each broken one an error naming the node and the fix.
 */
export function snapshotSpec(config: NodeConfig, node: string): SnapshotSpec {
  const fail = (message: string, hint: string) =>
    new TsmodelError({
      code: 'invalid-snapshot-config',
      message: `${node}: ${message}`,
      node,
      hint,
    });
  const strategy = config.strategy;
  if (typeof strategy !== 'string' || strategy === '' || !hasKey(config.unique_key))
    throw fail(
      "Snapshots must be configured with a 'strategy' and 'unique_key'",
      "set e.g. config(strategy='timestamp', unique_key='id', updated_at='updated_at')",
    );
  if (!(SNAPSHOT_STRATEGIES as readonly string[]).includes(strategy))
    throw fail(
      `unknown snapshot strategy '${strategy}'`,
      `use one of ${SNAPSHOT_STRATEGIES.join(', ')} (did you mean '${closest(strategy, [...SNAPSHOT_STRATEGIES])}'?); custom strategy macros are not supported`,
    );
  const key = config.unique_key!;
  const spec: SnapshotSpec = {
    strategy: strategy as SnapshotSpec['strategy'],
    uniqueKey: (Array.isArray(key) ? key : [key]).map(String),
    keyIsList: Array.isArray(key),
    hardDeletes: hardDeletesOf(config, fail),
    columnNames: columnNamesOf(config.snapshot_meta_column_names, fail),
  };
  const updatedAt = config.updated_at;
  if (typeof updatedAt === 'string' && updatedAt.trim() !== '') spec.updatedAt = updatedAt;
  if (spec.strategy === 'timestamp' && spec.updatedAt === undefined)
    throw fail(
      "the timestamp strategy needs 'updated_at', the column that says when a row last changed",
      "set updated_at='<column>', or use strategy='check' with check_cols",
    );
  if (spec.strategy === 'check') spec.checkCols = checkColsOf(config.check_cols, fail);
  const current = config.dbt_valid_to_current;
  if (typeof current === 'string' && current.trim() !== '') spec.validToCurrent = current;
  else if (current !== undefined && current !== null && current !== '')
    throw fail(
      'dbt_valid_to_current must be a SQL expression in a string',
      `e.g. dbt_valid_to_current: "to_date('9999-12-31')"`,
    );
  return spec;
}

function hasKey(key: unknown): boolean {
  if (typeof key === 'string') return key.trim() !== '';
  return Array.isArray(key) && key.length > 0 && key.every((k) => String(k).trim() !== '');
}

type Fail = (message: string, hint: string) => TsmodelError;

/** dbt's `get_hard_deletes_behavior`. */
function hardDeletesOf(config: NodeConfig, fail: Fail): HardDeletes {
  const legacy = config.invalidate_hard_deletes;
  const mode = config.hard_deletes;
  if (legacy !== undefined && legacy !== null && mode !== undefined && mode !== null)
    throw fail(
      'You cannot set both the invalidate_hard_deletes and hard_deletes config properties on the same snapshot.',
      "keep hard_deletes ('invalidate' is what invalidate_hard_deletes: true meant)",
    );
  if (legacy === true || mode === 'invalidate') return 'invalidate';
  if (mode === undefined || mode === null || mode === 'ignore') return 'ignore';
  if (mode === 'new_record') return 'new_record';
  throw fail(
    `Invalid setting for property hard_deletes: ${JSON.stringify(mode)}`,
    `use one of ${HARD_DELETES_MODES.join(', ')}`,
  );
}

function checkColsOf(value: unknown, fail: Fail): 'all' | string[] {
  if (value === 'all') return 'all';
  if (Array.isArray(value) && value.length > 0 && value.every((c) => typeof c === 'string'))
    return value as string[];
  throw fail(
    `Invalid value for 'check_cols': ${JSON.stringify(value ?? null)}`,
    "the check strategy compares the columns in check_cols: 'all', or a list such as ['status', 'amount']",
  );
}

function columnNamesOf(value: unknown, fail: Fail): SnapshotColumnNames {
  if (value === undefined || value === null) return { ...DEFAULT_COLUMN_NAMES };
  const known = Object.keys(DEFAULT_COLUMN_NAMES);
  if (typeof value !== 'object' || Array.isArray(value))
    throw fail(
      'snapshot_meta_column_names must be a mapping',
      `map any of ${known.join(', ')} to the column name to use`,
    );
  const names = { ...DEFAULT_COLUMN_NAMES };
  for (const [key, name] of Object.entries(value)) {
    if (!known.includes(key))
      throw fail(
        `snapshot_meta_column_names has an unknown key '${key}'`,
        `its keys are ${known.join(', ')} (did you mean '${closest(key, known)}'?)`,
      );
    if (typeof name !== 'string' || name.trim() === '')
      throw fail(
        `snapshot_meta_column_names.${key} must be a column name`,
        `e.g. ${key}: my_${key}`,
      );
    names[key as keyof SnapshotColumnNames] = name;
  }
  return names;
}
