import { PyFloat, asString, isDict, pyStr } from './py-values';

/**
 * Python's `json.dumps`: `", "` and `": "` separators, ASCII-only output, optional sorted keys
 * and indent. dbt's `tojson()` and Jinja's `|tojson` both print it, and SQL built from it
 * (e.g. a JSON literal in a where clause) must match byte for byte.
 */
export function pyJsonDumps(v: unknown, sortKeys = false, indent?: number): string {
  return dump(v, sortKeys, indent, '');
}

function dump(v: unknown, sortKeys: boolean, indent: number | undefined, at: string): string {
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
    return String(v);
  }
  if (v instanceof PyFloat) return v.toString();
  const s = asString(v);
  if (s !== undefined) return quote(s);
  const inner = indent === undefined ? '' : at + ' '.repeat(indent);
  const open = (items: string[], a: string, b: string) => {
    if (items.length === 0) return a + b;
    if (indent === undefined) return a + items.join(', ') + b;
    return `${a}\n${inner}${items.join(`,\n${inner}`)}\n${at}${b}`;
  };
  if (Array.isArray(v) || v instanceof Set) {
    return open(
      [...v].map((x) => dump(x, sortKeys, indent, inner)),
      '[',
      ']',
    );
  }
  if (isDict(v)) {
    const keys = Object.keys(v);
    if (sortKeys) keys.sort();
    return open(
      keys.map((k) => `${quote(k)}: ${dump(v[k], sortKeys, indent, inner)}`),
      '{',
      '}',
    );
  }
  throw new TypeError(`Object of type ${pyStr(v)} is not JSON serializable`);
}

function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) {
      if (c > 0xffff) {
        const hi = Math.floor((c - 0x10000) / 0x400) + 0xd800;
        const lo = ((c - 0x10000) % 0x400) + 0xdc00;
        out += `\\u${hi.toString(16)}\\u${lo.toString(16)}`;
      } else out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out + '"';
}
