import { CONSTRAINT_TYPES, type ConstraintType } from './contract-rules';

/**
 * One constraint of a contracted model, checked: a column's (`columns: [{ constraints: […] }]`)
 * or the model's (`constraints: [{ type: primary_key, columns: [a, b] }]`).
 */
export interface Constraint {
  type: ConstraintType;
  name?: string;
  /** `check`'s condition, `custom`'s SQL, or a foreign key's `references` target as SQL. */
  expression?: string;
  /** Model-level constraints: the columns constrained. */
  columns?: string[];
  /**
   * A foreign key's referenced relation: `ref('customers')` or `source('s', 't')` as written;
   * the compiler replaces it with the relation's rendered name.
   */
  to?: string;
  to_columns?: string[];
  /** `false` silences the "not enforced on this engine" warning (dbt's key). */
  warn_unenforced?: boolean;
  /** `false` silences the "cannot be created on this engine" warning (dbt's key). */
  warn_unsupported?: boolean;
}

const KEYS = new Set([
  'type',
  'name',
  'expression',
  'columns',
  'to',
  'to_columns',
  'warn_unenforced',
  'warn_unsupported',
]);

/**
 * Reads one constraint as written, or says what is wrong with it: an unknown type or key, a
 * check or custom constraint without its expression, a model-level key without columns, a
 * foreign key without what it references.
 */
export function readConstraint(
  raw: unknown,
  level: 'column' | 'model',
): { constraint: Constraint } | { problem: string; hint: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return {
      problem: 'a constraint is a mapping with a `type:`',
      hint: 'write `- type: not_null`',
    };
  const entry = raw as Record<string, unknown>;
  const unknown = Object.keys(entry).find((k) => !KEYS.has(k));
  if (unknown !== undefined)
    return {
      problem: `unknown constraint key '${unknown}'`,
      hint: `a constraint has ${[...KEYS].join(', ')}`,
    };
  const type = entry.type;
  if (typeof type !== 'string' || !(CONSTRAINT_TYPES as readonly string[]).includes(type))
    return {
      problem: `unknown constraint type '${String(type)}'`,
      hint: `use one of ${CONSTRAINT_TYPES.join(', ')}`,
    };
  const text = (key: string) =>
    typeof entry[key] === 'string' ? (entry[key] as string) : undefined;
  const list = (key: string) =>
    Array.isArray(entry[key]) ? (entry[key] as unknown[]).map(String) : undefined;
  const constraint: Constraint = { type: type as ConstraintType };
  for (const key of ['name', 'expression', 'to'] as const) {
    const value = text(key);
    if (value !== undefined) constraint[key] = value;
  }
  for (const key of ['columns', 'to_columns'] as const) {
    const value = list(key);
    if (value !== undefined) constraint[key] = value;
  }
  for (const key of ['warn_unenforced', 'warn_unsupported'] as const)
    if (typeof entry[key] === 'boolean') constraint[key] = entry[key] as boolean;
  if (level === 'model' && type === 'not_null')
    return {
      problem: 'not_null is a column constraint, not a model-level one',
      hint: "move it under the column's `constraints:`",
    };
  if ((type === 'check' || type === 'custom') && !constraint.expression)
    return {
      problem: `a ${type} constraint needs an \`expression:\``,
      hint: 'add `expression: "<sql>"`',
    };
  if (
    level === 'model' &&
    ['unique', 'primary_key', 'foreign_key'].includes(type) &&
    !constraint.columns?.length
  )
    return {
      problem: `a model-level ${type} constraint needs \`columns:\``,
      hint: 'name the columns it spans, e.g. `columns: [id]`',
    };
  if (type === 'foreign_key' && !constraint.expression && !constraint.to)
    return {
      problem: 'a foreign_key constraint needs `to:` (and `to_columns:`) or an `expression:`',
      hint: "write `to: ref('customers')` and `to_columns: [id]`",
    };
  if (constraint.to && !constraint.to_columns?.length)
    return {
      problem: 'a foreign_key constraint with `to:` needs `to_columns:`',
      hint: 'name the referenced columns, e.g. `to_columns: [id]`',
    };
  return { constraint };
}
