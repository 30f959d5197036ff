import { describe, expect, it } from 'vitest';
import {
  batchId,
  ceilingTime,
  eventTimeText,
  formatBatchStart,
  offsetTime,
  parseEventTime,
  truncateTime,
  windowsBetween,
} from './microbatch-time';

const t = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('microbatch time arithmetic (dbt MicrobatchBuilder)', () => {
  const at = t('2024-09-17T16:06:00Z');

  it('truncates to the period', () => {
    expect(iso(truncateTime(at, 'hour'))).toBe('2024-09-17T16:00:00.000Z');
    expect(iso(truncateTime(at, 'day'))).toBe('2024-09-17T00:00:00.000Z');
    expect(iso(truncateTime(at, 'month'))).toBe('2024-09-01T00:00:00.000Z');
    expect(iso(truncateTime(at, 'year'))).toBe('2024-01-01T00:00:00.000Z');
  });

  it('offsets from the truncated time, across month and year ends', () => {
    expect(iso(offsetTime(at, 'hour', -1))).toBe('2024-09-17T15:00:00.000Z');
    expect(iso(offsetTime(at, 'day', 1))).toBe('2024-09-18T00:00:00.000Z');
    expect(iso(offsetTime(t('2024-01-31T10:00:00Z'), 'month', 1))).toBe('2024-02-01T00:00:00.000Z');
    expect(iso(offsetTime(t('2024-03-31T10:00:00Z'), 'month', -1))).toBe(
      '2024-02-01T00:00:00.000Z',
    );
    expect(iso(offsetTime(t('2024-12-31T23:59:59Z'), 'day', 1))).toBe('2025-01-01T00:00:00.000Z');
    expect(iso(offsetTime(t('2024-11-15T00:00:00Z'), 'month', 3))).toBe('2025-02-01T00:00:00.000Z');
    expect(iso(offsetTime(at, 'year', -1))).toBe('2023-01-01T00:00:00.000Z');
    expect(iso(offsetTime(t('2024-02-29T12:00:00Z'), 'day', 1))).toBe('2024-03-01T00:00:00.000Z');
  });

  it('ceils to the end of the period, a boundary to itself', () => {
    expect(iso(ceilingTime(at, 'day'))).toBe('2024-09-18T00:00:00.000Z');
    expect(iso(ceilingTime(t('2024-09-17T00:00:00Z'), 'day'))).toBe('2024-09-17T00:00:00.000Z');
    expect(iso(ceilingTime(at, 'month'))).toBe('2024-10-01T00:00:00.000Z');
    expect(iso(ceilingTime(t('2024-12-05T00:00:00Z'), 'year'))).toBe('2025-01-01T00:00:00.000Z');
  });

  it('cuts a range into whole periods', () => {
    const months = windowsBetween(t('2023-11-20T00:00:00Z'), t('2024-02-01T00:00:00Z'), 'month');
    expect(months.map((w) => `${iso(w.start)}..${iso(w.end)}`)).toEqual([
      '2023-11-01T00:00:00.000Z..2023-12-01T00:00:00.000Z',
      '2023-12-01T00:00:00.000Z..2024-01-01T00:00:00.000Z',
      '2024-01-01T00:00:00.000Z..2024-02-01T00:00:00.000Z',
    ]);
    expect(windowsBetween(t('2024-01-02T00:00:00Z'), t('2024-01-02T00:00:00Z'), 'day')).toEqual([]);
    expect(
      windowsBetween(t('2023-06-01T00:00:00Z'), t('2025-01-01T00:00:00Z'), 'year'),
    ).toHaveLength(2);
  });

  it('formats batch starts and ids as dbt does', () => {
    expect(formatBatchStart(at, 'hour')).toBe('2024-09-17T16');
    expect(formatBatchStart(at, 'day')).toBe('2024-09-17');
    expect(formatBatchStart(at, 'month')).toBe('2024-09');
    expect(formatBatchStart(at, 'year')).toBe('2024');
    expect(batchId(at, 'day')).toBe('20240917');
    expect(batchId(at, 'hour')).toBe('20240917T16');
    expect(eventTimeText(t('2024-01-02T03:04:05Z'))).toBe('2024-01-02 03:04:05+00:00');
  });

  it('reads ISO dates and timestamps, UTC unless they name a zone', () => {
    expect(iso(parseEventTime('2024-01-01')!)).toBe('2024-01-01T00:00:00.000Z');
    expect(iso(parseEventTime('2024-01-01T06:30')!)).toBe('2024-01-01T06:30:00.000Z');
    expect(iso(parseEventTime('2024-01-01 06:30:15.250')!)).toBe('2024-01-01T06:30:15.250Z');
    expect(iso(parseEventTime('2024-01-01T06:00:00+02:00')!)).toBe('2024-01-01T04:00:00.000Z');
    expect(iso(parseEventTime('2024-01-01T06:00:00Z')!)).toBe('2024-01-01T06:00:00.000Z');
    for (const bad of [
      'yesterday',
      '2024-02-30',
      '2024-13-01',
      '2024-01-01T25:00',
      '01/02/2024',
      '',
    ])
      expect(parseEventTime(bad), bad).toBeUndefined();
  });
});
