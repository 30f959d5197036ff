/**
 * What `ref()`, `source()` and `this` return while a model renders. A model's relation name
 * depends on its own config (schema, alias, enabled), which is only known once that model has
 * rendered too; so rendering leaves markers in the SQL (a `DbtRelation` prints as one) and the compiler swaps in real names
 * after every model has rendered. This is what lets one render per model, in any order (or in
 * parallel), be enough, and lets the parse cache store rendered SQL independent of other files.
 */

/** Marker delimiters: control characters never found in SQL text or identifiers. */
export const MARK = '\u0001';
const MARK_RE = /\u0001([^\u0001]+)\u0001/g;

/** A reference as written in the template, resolved later. */
export type RelationKey =
  | { kind: 'ref'; caller: string; pkg?: string; name: string; version?: string }
  | { kind: 'source'; caller: string; source: string; table: string }
  | { kind: 'this' };

export type RelationPart = 'database' | 'schema' | 'identifier';

export function encodeKey(key: RelationKey): string {
  switch (key.kind) {
    case 'ref':
      return `r\u0002${key.caller}\u0002${key.pkg ?? ''}\u0002${key.name}${key.version === undefined ? '' : `\u0002${key.version}`}`;
    case 'source':
      return `s\u0002${key.caller}\u0002${key.source}\u0002${key.table}`;
    case 'this':
      return 't';
  }
}

export function decodeKey(encoded: string): RelationKey {
  const [kind, a = '', b = '', c = '', d] = encoded.split('\u0002');
  if (kind === 'r')
    return {
      kind: 'ref',
      caller: a,
      pkg: b || undefined,
      name: c,
      ...(d === undefined ? {} : { version: d }),
    };
  if (kind === 's') return { kind: 'source', caller: a, source: b, table: c };
  return { kind: 'this' };
}

/** How a marker key reads in messages: `ref('pkg', 'x')`, `source('s', 't')`, `this`. */
export function keyDisplay(encoded: string): string {
  const key = decodeKey(encoded);
  if (key.kind === 'this') return 'this';
  if (key.kind === 'source') return `source('${key.source}', '${key.table}')`;
  const pin = key.version === undefined ? '' : `, v=${key.version}`;
  return key.pkg ? `ref('${key.pkg}', '${key.name}'${pin})` : `ref('${key.name}'${pin})`;
}

/**
 * `text` with every marker written as the call that made it (`ref('x').schema`): what a
 * message shows when it prints a relation whose name is not known yet, instead of the
 * internal encoding.
 */
export function displayMarkers(text: string): string {
  return replaceMarkers(text, (key, part) =>
    part ? `${keyDisplay(key)}.${part}` : keyDisplay(key),
  );
}

/**
 * Replaces every marker in `sql`. `resolve` gets the decoded key, the requested part
 * (undefined = the full rendered relation) and where in `sql` the marker ends, and returns
 * the text to insert.
 */
export function replaceMarkers(
  sql: string,
  resolve: (key: string, part: RelationPart | undefined, end: number) => string,
): string {
  if (!sql.includes(MARK)) return sql;
  return sql.replace(MARK_RE, (m: string, inner: string, offset: number) => {
    const hash = inner.indexOf('#');
    const end = offset + m.length;
    return hash < 0
      ? resolve(inner, undefined, end)
      : resolve(inner.slice(0, hash), inner.slice(hash + 1) as RelationPart, end);
  });
}
