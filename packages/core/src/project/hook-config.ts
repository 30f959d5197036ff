/**
 * One hook as dbt has it: SQL, and whether it runs inside the node's transaction. Configs hold
 * hooks as text (a plain SQL template, or dbt's `{"sql": …, "transaction": false}` dict as JSON),
 * so they merge, fingerprint and print in the manifest like the strings they mostly are.
 */
export interface HookCall {
  sql: string;
  /** false: `before_begin` / `after_commit`, run before the node's other hooks or after them. */
  transaction: boolean;
}

/** A hook config value (a string, or a `{sql, transaction}` mapping) as the text a config holds. */
export function hookConfigText(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { sql, transaction } = value as Record<string, unknown>;
    if (typeof sql === 'string') return JSON.stringify({ sql, transaction: transaction !== false });
  }
  return String(value);
}

/**
 * A hook's text as a call: a JSON `{"sql": …}` dict (as written in config, or as rendered by
 * `after_commit(…)`) — dbt reads hooks the same way — else the text is the SQL.
 */
export function parseHook(text: string): HookCall {
  const trimmed = text.trim();
  if (trimmed.startsWith('{"')) {
    try {
      const value = JSON.parse(trimmed) as Record<string, unknown>;
      if (value && typeof value.sql === 'string')
        return { sql: value.sql, transaction: value.transaction !== false };
    } catch {
      // Not a dict after all: SQL that starts like one.
    }
  }
  return { sql: text, transaction: true };
}
