/** A plain text table for `tsmodel show`: header, rule, rows; NULL for nulls. */
export function formatTable(
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
): string {
  const cell = (v: unknown): string =>
    v === null || v === undefined ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const body = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  return [line(columns), rule, ...body.map(line)].join('\n');
}
