import { isSafeString } from './py-values';

/**
 * dbt's `config.set(key, value)`: sets one config of the node being rendered, as
 * `config(key=value)` would. dbt's `set_sql_header` macro is built on it
 * (`config.set('sql_header', caller())`), so the value is often the text of a `{% call %}` block:
 * a SafeString, stored as plain text so the manifest and the parse cache hold SQL, not an object.
 */
export function configSet(
  record: (values: Record<string, unknown>) => unknown,
): (key: unknown, value: unknown) => string {
  return (key, value) => {
    record({ [String(key)]: isSafeString(value) ? value.val : value });
    return '';
  };
}
