/**
 * The time arithmetic of dbt's microbatch strategy (dbt-core's `MicrobatchBuilder`), in UTC:
 * periods of one `batch_size`, truncated to their start, and the windows one run builds.
 */

export const BATCH_SIZES = ['hour', 'day', 'month', 'year'] as const;
export type BatchSize = (typeof BATCH_SIZES)[number];

/** One batch: the rows with `start <= event_time < end`. */
export interface BatchWindow {
  start: Date;
  end: Date;
}

/** The start of the period `t` falls in: `2024-09-17 16:06` by day → `2024-09-17 00:00`. */
export function truncateTime(t: Date, size: BatchSize): Date {
  const y = t.getUTCFullYear();
  if (size === 'year') return new Date(Date.UTC(y, 0, 1));
  if (size === 'month') return new Date(Date.UTC(y, t.getUTCMonth(), 1));
  if (size === 'day') return new Date(Date.UTC(y, t.getUTCMonth(), t.getUTCDate()));
  return new Date(Date.UTC(y, t.getUTCMonth(), t.getUTCDate(), t.getUTCHours()));
}

/**
 * `n` periods after (before, when negative) the start of `t`'s period. Months and years move
 * by calendar fields, so January 31st plus a month is February 1st's period, never March.
 */
export function offsetTime(t: Date, size: BatchSize, n: number): Date {
  const s = truncateTime(t, size);
  const y = s.getUTCFullYear();
  if (size === 'year') return new Date(Date.UTC(y + n, 0, 1));
  if (size === 'month') return new Date(Date.UTC(y, s.getUTCMonth() + n, 1));
  if (size === 'day') return new Date(Date.UTC(y, s.getUTCMonth(), s.getUTCDate() + n));
  return new Date(s.getTime() + n * 3_600_000);
}

/** The end of `t`'s period, or `t` itself when it is a period boundary already. */
export function ceilingTime(t: Date, size: BatchSize): Date {
  const s = truncateTime(t, size);
  return s.getTime() === t.getTime() ? s : offsetTime(s, size, 1);
}

/** Consecutive periods covering `[start, end)`; none when `start` is not before `end`. */
export function windowsBetween(start: Date, end: Date, size: BatchSize): BatchWindow[] {
  const out: BatchWindow[] = [];
  for (let s = truncateTime(start, size); s < end;) {
    const next = offsetTime(s, size, 1);
    out.push({ start: s, end: next < end ? next : end });
    s = next;
  }
  return out;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** dbt's `format_batch_start`: `2024`, `2024-09`, `2024-09-17`, `2024-09-17T16`. */
export function formatBatchStart(start: Date, size: BatchSize): string {
  const y = String(start.getUTCFullYear()).padStart(4, '0');
  if (size === 'year') return y;
  const m = `${y}-${p2(start.getUTCMonth() + 1)}`;
  if (size === 'month') return m;
  const d = `${m}-${p2(start.getUTCDate())}`;
  return size === 'day' ? d : `${d}T${p2(start.getUTCHours())}`;
}

/** dbt's `batch_id` (`model.batch.id`): the formatted start without dashes, `20240917`. */
export function batchId(start: Date, size: BatchSize): string {
  return formatBatchStart(start, size).replaceAll('-', '');
}

/**
 * A time as dbt writes it into SQL (Python's `str()` of an aware UTC datetime):
 * `2024-09-17 00:00:00+00:00`, which DuckDB, PostgreSQL, Redshift and Snowflake all cast to
 * date, timestamp and timestamp-with-zone columns.
 */
export function eventTimeText(t: Date): string {
  const ms = t.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : `.${String(ms * 1000).padStart(6, '0')}`;
  return `${formatBatchStart(t, 'hour').replace('T', ' ')}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}${fraction}+00:00`;
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * An ISO date or timestamp (`2024-01-01`, `2024-01-01T10:30`, `2024-01-01 10:30:00+02:00`) as
 * an instant; without a zone it is UTC, as dbt reads `--event-time-start` and `begin`.
 * Undefined when the text is not one or names a day that does not exist.
 */
export function parseEventTime(text: string): Date | undefined {
  const m = ISO_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const utc = Date.UTC(...fields, Number(frac.padEnd(3, '0').slice(0, 3)));
  const check = new Date(utc);
  if (
    check.getUTCMonth() !== fields[1] ||
    check.getUTCDate() !== fields[2] ||
    fields[3] > 23 ||
    fields[4] > 59 ||
    fields[5] > 59
  )
    return undefined;
  return new Date(utc - zoneMinutes(zone) * 60_000);
}

function zoneMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone.startsWith('-') ? -minutes : minutes;
}
