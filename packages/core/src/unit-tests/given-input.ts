/** What a `given:` entry's `input:` names: a ref, a source, or the tested model itself. */
export type GivenInput =
  | { kind: 'ref'; pkg?: string; name: string }
  | { kind: 'source'; source: string; table: string }
  | { kind: 'this' };

const STRING = String.raw`\s*(?:'([^']*)'|"([^"]*)")\s*`;
const REF = new RegExp(String.raw`^ref\(${STRING}(?:,${STRING})?\)$`);
const SOURCE = new RegExp(String.raw`^source\(${STRING},${STRING}\)$`);

/**
 * Parses `ref('x')`, `ref('pkg', 'x')`, `source('s', 't')` or `this` — the literal calls dbt
 * accepts there (it extracts them statically, without rendering). Anything else: undefined.
 */
export function parseGivenInput(text: string): GivenInput | undefined {
  const input = text.trim();
  if (input === 'this') return { kind: 'this' };
  const ref = REF.exec(input);
  if (ref) {
    const first = ref[1] ?? ref[2]!;
    const second = ref[3] ?? ref[4];
    return second === undefined
      ? { kind: 'ref', name: first }
      : { kind: 'ref', pkg: first, name: second };
  }
  const source = SOURCE.exec(input);
  if (source)
    return { kind: 'source', source: source[1] ?? source[2]!, table: source[3] ?? source[4]! };
  return undefined;
}
