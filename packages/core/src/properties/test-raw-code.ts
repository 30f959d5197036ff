/**
 * The nunjucks template a generic test node renders: one call of the test macro, like dbt's
 * `{{ test_unique(**_dbt_generic_test_kwargs) }}`, but with the arguments written out so the
 * template is self-contained and readable in `target/compiled`.
 */

/** dbt renders a kwarg string that looks like one of these calls as an expression (`to: ref('x')`). */
const LOOKS_LIKE_FUNCTION = /^\s*(env_var|ref|var|source|doc)\s*\(.+\)\s*$/s;

export interface TestCall {
  macroName: string;
  namespace?: string;
  /** `ref('orders')` or `source('shop', 'orders')`. */
  modelExpression: string;
  /** dbt's `where` config: the test then reads `(select * from <model> where …) dbt_subquery`. */
  where?: string;
  /** Keyword arguments after `model`, `column_name` first when present. */
  args: Record<string, unknown>;
}

export function buildTestRawCode(call: TestCall): string {
  const model = call.where
    ? `('(select * from ' ~ ${call.modelExpression} ~ ' where ' ~ ${templateString(call.where)} ~ ') dbt_subquery')`
    : call.modelExpression;
  const kwargs = [`model=${model}`];
  const { column_name: columnName, ...rest } = call.args;
  if (columnName !== undefined) kwargs.push(`column_name=${literal(columnName)}`);
  for (const [key, value] of Object.entries(rest)) kwargs.push(`${key}=${argument(value)}`);
  const macro = call.namespace
    ? `${call.namespace}.test_${call.macroName}`
    : `test_${call.macroName}`;
  return `{{ ${macro}(${kwargs.join(', ')}) }}`;
}

/** As dbt's `add_rendered_test_kwargs`: function-like strings and `{{ }}` in strings are evaluated. */
function argument(value: unknown): string {
  if (typeof value === 'string') {
    return LOOKS_LIKE_FUNCTION.test(value) ? `(${value.trim()})` : templateString(value);
  }
  if (Array.isArray(value)) return `[${value.map(argument).join(', ')}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${quote(k)}: ${argument(v)}`)
      .join(', ')}}`;
  }
  return literal(value);
}

/** A string that may hold `{{ expr }}` parts, as a nunjucks expression concatenating them. */
function templateString(text: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{\{-?([\s\S]*?)-?\}\}/g)) {
    if (m.index > last) parts.push(quote(text.slice(last, m.index)));
    parts.push(`(${m[1]!.trim()})`);
    last = m.index + m[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push(quote(text.slice(last)));
  return parts.length === 1 ? parts[0]! : `(${parts.join(' ~ ')})`;
}

function literal(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${quote(k)}: ${literal(v)}`)
      .join(', ')}}`;
  }
  return quote(String(value));
}

/** A nunjucks string literal; its lexer understands only these escapes. */
function quote(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `'${escaped}'`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
