/**
 * Comparing a unit test's actual rows with its expected rows, and showing a person how they
 * differ. Both sides come from one query, their values cast to the same column types, so the
 * driver hands back values of the same JavaScript types for equal SQL values.
 */

/** The rows found on one side only; rows found on both (as often) are just counted. */
export interface RowDiff {
  matched: number;
  /** Rows the model returned that were not expected: shown with `+`. */
  onlyActual: unknown[][];
  /** Expected rows the model did not return: shown with `-`. */
  onlyExpected: unknown[][];
}

/** Compares rows as multisets: order does not matter, duplicates do (dbt's unordered diff). */
export function compareRows(actual: readonly unknown[][], expected: readonly unknown[][]): RowDiff {
  const pending = new Map<string, unknown[][]>();
  for (const row of expected) {
    const key = rowKey(row);
    const list = pending.get(key);
    if (list) list.push(row);
    else pending.set(key, [row]);
  }
  const onlyActual: unknown[][] = [];
  let matched = 0;
  for (const row of actual) {
    const list = pending.get(rowKey(row));
    if (list && list.length > 0) {
      list.pop();
      matched++;
    } else onlyActual.push(row);
  }
  return { matched, onlyActual, onlyExpected: [...pending.values()].flat() };
}

/**
 * A decimal's text without insignificant zeros (`4.0`, `04.00` → `4`; `-0.0` → `0`). Drivers
 * return exact numerics as text (node-postgres does), and the scale a column has is not part
 * of the value: dbt compares them as Python Decimals, where 4.0 equals 4. Other text is kept.
 */
export function canonicalDecimal(text: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return text;
  const whole = m[2]!.replace(/^0+/, '') || '0';
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return m[1] === '-' && body !== '0' ? `-${body}` : body;
}

export function hasDifference(diff: RowDiff): boolean {
  return diff.onlyActual.length > 0 || diff.onlyExpected.length > 0;
}

/** Identity of a value for comparison: its type and its text, so `1` and `'1'` differ. */
function valueKey(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return `date:${value.toISOString()}`;
  if (typeof value === 'object') return `${value.constructor?.name ?? 'object'}:${cellText(value)}`;
  return `${typeof value}:${String(value)}`;
}

function rowKey(row: readonly unknown[]): string {
  return JSON.stringify(row.map(valueKey));
}

/** A value as the diff prints it: text as is, null as `null`, dates in ISO form. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'object') {
    const text = String(value);
    if (text !== '[object Object]') return text;
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }
  return String(value);
}

/**
 * The rows that differ as a small aligned table, sorted by their first column (usually a key)
 * with an expected-only row (`-`) above the actual-only row (`+`) of the same first value,
 * and how many rows matched:
 *
 * ```
 *   | id | name
 * --+----+------
 * - | 2  | bob
 * + | 2  | robert
 * ```
 */
export function formatRowDiff(columns: readonly string[], diff: RowDiff): string {
  const lines = [
    ...diff.onlyExpected.map((row) => ({ mark: '-', cells: row.map(cellText) })),
    ...diff.onlyActual.map((row) => ({ mark: '+', cells: row.map(cellText) })),
  ].sort(
    (a, b) =>
      compareCells(a.cells.slice(0, 1), b.cells.slice(0, 1)) ||
      (a.mark === b.mark ? 0 : a.mark === '-' ? -1 : 1) ||
      compareCells(a.cells, b.cells),
  );
  const widths = columns.map((c, i) => Math.max(c.length, ...lines.map((l) => l.cells[i]!.length)));
  const row = (mark: string, cells: readonly string[]) =>
    `${mark} | ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')}`.trimEnd();
  const table = [
    row(' ', columns),
    `--+-${widths.map((w) => '-'.repeat(w)).join('-+-')}`,
    ...lines.map((l) => row(l.mark, l.cells)),
  ];
  const counts = [
    `${diff.onlyExpected.length} expected row${diff.onlyExpected.length === 1 ? '' : 's'} missing (-)`,
    `${diff.onlyActual.length} unexpected row${diff.onlyActual.length === 1 ? '' : 's'} returned (+)`,
    `${diff.matched} row${diff.matched === 1 ? '' : 's'} as expected`,
  ];
  return `${table.join('\n')}\n${counts.join(', ')}`;
}

function compareCells(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = a[i]!.localeCompare(b[i]!, 'en', { numeric: true });
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
