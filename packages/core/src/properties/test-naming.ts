import { createHash } from 'node:crypto';
import type { TestMetadata } from '../manifest/types';

/**
 * dbt's generic test names and unique_id hashes, reproduced exactly (dbt-core
 * `synthesize_generic_test_names` and `_create_test_node`), so a test keeps the unique_id a dbt
 * user already has in CI scripts, `state:` comparisons and `--select` lines.
 */

/** dbt switches to `<first 30 chars>_<md5>` at this length (a file name / alias limit). */
const MAX_NAME_LENGTH = 64;
const HASH_LENGTH = 10;

export interface TestNames {
  /** The full name: used in unique_id, fqn and `name`. */
  full: string;
  /** The name dbt uses as alias; differs from `full` only when that is too long. */
  short: string;
}

/**
 * `testType` is the test's name with dbt's prefixes (`not_null`, `source_not_null`,
 * `dbt_utils_source_expression_is_true`); `targetName` is the model name or `<source>_<table>`;
 * `args` are the test kwargs including `column_name` (`model` is skipped, as dbt does).
 */
export function synthesizeTestNames(
  testType: string,
  targetName: string,
  args: Record<string, unknown>,
): TestNames {
  const flat: string[] = [];
  for (const key of Object.keys(args).sort()) {
    if (key === 'model') continue;
    const value = args[key];
    const parts = Array.isArray(value)
      ? value
      : isPlainObject(value)
        ? Object.values(value)
        : [value];
    flat.push(...parts.map(pythonStr));
  }
  const unique = flat.map((part) => part.replace(/[^0-9a-zA-Z_]+/g, '_')).join('__');
  const identifier = `${testType}_${targetName}`;
  const full = `${identifier}_${unique}`;
  const short = full.length >= MAX_NAME_LENGTH ? `${identifier.slice(0, 30)}_${md5(full)}` : full;
  return { full, short };
}

/** `test.<pkg>.<name>.<hash>` where the hash covers the name and the test's metadata. */
export function testUniqueId(packageName: string, name: string, metadata: TestMetadata): string {
  const hashable = {
    name: metadata.name,
    kwargs: metadata.kwargs,
    namespace: metadata.namespace ?? null,
  };
  const hash = md5(`${name}${pythonRepr(hashable)}`).slice(-HASH_LENGTH);
  return `test.${packageName}.${name}.${hash}`;
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/**
 * Python's `repr()` of dbt's "hashable metadata": dicts with sorted keys, lists kept, every
 * scalar turned into a string first (`str(True)` is `'True'`, `str(None)` is `'None'`).
 */
function pythonRepr(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (isPlainObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${reprString(k)}: ${pythonRepr(value[k])}`);
    return `{${entries.join(', ')}}`;
  }
  return reprString(pythonStr(value));
}

/** Python's `str()` of a YAML scalar. */
function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return `[${value.map((v) => (typeof v === 'string' ? reprString(v) : pythonStr(v))).join(', ')}]`;
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(
      ([k, v]) => `${reprString(k)}: ${typeof v === 'string' ? reprString(v) : pythonStr(v)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

/** Python's `repr()` of a str: single quotes unless the text has one and no double quote. */
function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
