/** Widest excerpt of the failing line, as libpq shows it (its DISPLAY_SIZE). */
const WIDTH = 60;
/** Characters kept after the caret when a long line is cut. */
const AFTER_CARET = 10;

/**
 * The server reports where in the statement an error is (`position`, 1-based, in characters)
 * but node-postgres leaves it out of the message, so `relation "x" does not exist` would not
 * say which statement or line. libpq clients (psql, psycopg2 — what dbt-postgres prints) add
 * the failing line and a caret under the position; this renders the same two lines, cut to a
 * window around the caret when the line is long. Empty when the error has no position.
 */
export function errorPositionContext(sql: string, position: unknown): string {
  const at = typeof position === 'string' ? Number(position) : position;
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 1) return '';
  const chars = Array.from(sql);
  if (at > chars.length + 1) return '';
  let lineNo = 1;
  let lineStart = 0;
  for (let i = 0; i < at - 1; i++)
    if (chars[i] === '\n') {
      lineNo++;
      lineStart = i + 1;
    }
  let lineEnd = chars.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = chars.length;
  const line = chars.slice(lineStart, lineEnd).map((c) => (c === '\t' ? ' ' : c));
  const column = at - 1 - lineStart;
  let start = 0;
  let end = line.length;
  if (line.length > WIDTH) {
    end = Math.min(line.length, Math.max(WIDTH, column + AFTER_CARET));
    start = end - WIDTH;
  }
  const head = `LINE ${lineNo}: ${start > 0 ? '...' : ''}`;
  const excerpt = `${head}${line.slice(start, end).join('')}${end < line.length ? '...' : ''}`;
  return `${excerpt.trimEnd()}\n${' '.repeat(head.length + column - start)}^`;
}
