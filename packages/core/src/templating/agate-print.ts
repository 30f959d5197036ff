import type { AgateTable } from './agate-table';
import { PyDecimal } from './py-decimal';
import { pyStr } from './py-values';

/** agate's `print_table` limits; `null` is Python's None (no limit). */
export interface PrintTableOptions {
  maxRows: number | null;
  maxColumns: number | null;
  maxColumnWidth: number | null;
  maxPrecision: number | null;
}

const ELLIPSIS = '...';
const TRUNCATION = '...';
const NUMBER_TRUNCATION = '…';

/**
 * agate's `Table.print_table` text (GitHub-flavoured Markdown): headers, a divider, at most
 * `maxRows` rows and `maxColumns` columns with `...` marking what was cut, Number columns shown
 * with their largest number of decimal places (capped at `maxPrecision`, then marked `…`) and
 * en_US digit grouping, text left-aligned and everything else right-aligned.
 */
export function printTable(table: AgateTable, o: PrintTableOptions): string {
  const rows = table.rows.values();
  const names = table.column_names;
  const maxRows = o.maxRows ?? rows.length;
  const maxColumns = o.maxColumns ?? names.length;
  const maxPrecision = o.maxPrecision ?? Infinity;
  const cut = (s: string) =>
    o.maxColumnWidth !== null && s.length > o.maxColumnWidth
      ? s.slice(0, Math.max(0, o.maxColumnWidth - TRUNCATION.length)) + TRUNCATION
      : s;

  const header = names.slice(0, maxColumns).map(cut);
  if (maxColumns < names.length) header.push(ELLIPSIS);
  const widths = header.map((n) => n.length);

  const formatters = table.columns
    .values()
    .slice(0, maxColumns)
    .map((c) => {
      if (c.data_type.name !== 'Number') return undefined;
      let places = decimalPlaces(c.values().slice(0, maxRows));
      const ellipsis = places > maxPrecision;
      if (ellipsis) places = maxPrecision;
      return (d: PyDecimal) => formatDecimal(d, places) + (ellipsis ? NUMBER_TRUNCATION : '');
    });

  const body = rows.slice(0, maxRows).map((row) => {
    const out: string[] = [];
    const values = row.values();
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      const format = formatters[j];
      const text =
        j >= maxColumns
          ? ELLIPSIS
          : v === null
            ? ''
            : format && v instanceof PyDecimal
              ? format(v)
              : pyStr(v).replaceAll('\n', '↵');
      const shown = cut(text);
      widths[j] = Math.max(widths[j] ?? 0, shown.length);
      out.push(shown);
      if (j >= maxColumns) break;
    }
    return out;
  });

  const line = (cells: string[]) =>
    '|' +
    cells
      .map((d, j) =>
        table.column_types[j]?.name === 'Text'
          ? ` ${d.padEnd(widths[j]!)} `
          : ` ${d.padStart(widths[j]!)} `,
      )
      .join('|') +
    '|';
  const lines = [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`];
  for (const r of body) lines.push(line(r));
  if (maxRows < rows.length) lines.push(line(header.map(() => ELLIPSIS)));
  return lines.join('\n') + '\n';
}

/** agate's `max_precision`: the most decimal places any (normalized) value has. */
function decimalPlaces(values: readonly unknown[]): number {
  let places = 0;
  for (const v of values) {
    if (!(v instanceof PyDecimal)) continue;
    const [, , exponent] = PyDecimal.parts(v.normalize());
    places = Math.max(places, -exponent);
  }
  return places;
}

/** babel's `format_decimal(d, '#,##0.<places>', 'en_US')`: half-even rounding, comma groups. */
function formatDecimal(d: PyDecimal, places: number): string {
  const [sign, coefficient, exponent] = PyDecimal.parts(d);
  let digits: bigint;
  if (exponent >= -places) digits = coefficient * 10n ** BigInt(exponent + places);
  else {
    const unit = 10n ** BigInt(-places - exponent);
    digits = coefficient / unit;
    const r = coefficient % unit;
    if (r * 2n > unit || (r * 2n === unit && digits % 2n === 1n)) digits += 1n;
  }
  const text = digits.toString().padStart(places + 1, '0');
  const int = text.slice(0, text.length - places).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = places > 0 ? '.' + text.slice(text.length - places) : '';
  return (sign ? '-' : '') + int + frac;
}
