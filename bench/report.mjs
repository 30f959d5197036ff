// Small helpers shared by the benchmark scripts: medians, durations, DuckDB file copies and the
// printed result table.
import { copyFileSync, existsSync, rmSync } from 'node:fs';

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** `12.34 s`. */
export const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** `ok` when a figure meets its target, `OVER` when it does not. */
export const verdict = (pass) => (pass ? 'ok' : 'OVER');

/** Copies a DuckDB database file with its write-ahead log, so each timing starts alike. */
export function copyDb(from, to) {
  copyFileSync(from, to);
  if (existsSync(`${from}.wal`)) copyFileSync(`${from}.wal`, `${to}.wal`);
  else rmSync(`${to}.wal`, { force: true });
}

/** Prints `title`, then `rows` (the first is the header) as aligned columns. */
export function printTable(title, rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log('');
  console.log(title);
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
}
