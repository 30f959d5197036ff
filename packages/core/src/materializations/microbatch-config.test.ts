import { describe, expect, it } from 'vitest';
import { TsmodelError } from '../diagnostics';
import type { NodeConfig } from '../manifest/types';
import {
  batchesRunConcurrently,
  eventTimeRange,
  microbatchSettings,
  plannedBatches,
  type MicrobatchSettings,
} from './microbatch-config';

const node = (config: Partial<NodeConfig>) => ({
  unique_id: 'model.shop.events_daily',
  original_file_path: 'models/events_daily.sql',
  config: {
    enabled: true,
    materialized: 'incremental',
    incremental_strategy: 'microbatch',
    event_time: 'day',
    batch_size: 'day',
    begin: '2024-01-01',
    tags: [],
    pre_hook: [],
    post_hook: [],
    meta: {},
    ...config,
  } as NodeConfig,
});

const errorOf = (fn: () => unknown): TsmodelError => {
  try {
    fn();
  } catch (err) {
    return err as TsmodelError;
  }
  throw new Error('expected an error');
};

describe('microbatch settings', () => {
  it('reads event_time, batch_size, begin, lookback (default 1) and concurrent_batches', () => {
    expect(microbatchSettings(node({}))).toEqual({
      eventTime: 'day',
      batchSize: 'day',
      begin: new Date('2024-01-01T00:00:00Z'),
      lookback: 1,
    });
    expect(microbatchSettings(node({ lookback: 0, concurrent_batches: false }))).toMatchObject({
      lookback: 0,
      concurrentBatches: false,
    });
  });

  it.each([
    [{ event_time: undefined }, 'microbatch-event-time', 'needs event_time'],
    [{ batch_size: undefined }, 'microbatch-batch-size', 'needs batch_size'],
    [{ batch_size: 'dya' }, 'microbatch-batch-size', "unknown batch_size 'dya'"],
    [{ begin: undefined }, 'microbatch-begin', 'needs begin'],
    [{ begin: '2024-02-30' }, 'microbatch-begin', "begin '2024-02-30' is not a date"],
    [{ lookback: -1 }, 'microbatch-lookback', 'lookback must be a whole number'],
    [{ concurrent_batches: 'yes' }, 'microbatch-concurrent-batches', 'must be true or false'],
    [{ materialized: 'table' }, 'microbatch-not-incremental', "needs materialized='incremental'"],
  ])('%j is an error naming the model and its file', (config, code, message) => {
    const err = errorOf(() => microbatchSettings(node(config as Partial<NodeConfig>)));
    expect(err.code).toBe(code);
    expect(err.message).toContain('model.shop.events_daily');
    expect(err.message).toContain(message);
    expect(err.location?.file).toBe('models/events_daily.sql');
  });

  it('suggests the batch size meant', () => {
    expect(errorOf(() => microbatchSettings(node({ batch_size: 'dya' }))).hint).toContain("'day'");
  });
});

describe('planned batches', () => {
  const settings = (s: Partial<MicrobatchSettings>): MicrobatchSettings => ({
    eventTime: 'day',
    batchSize: 'day',
    begin: new Date('2024-01-01T00:00:00Z'),
    lookback: 1,
    ...s,
  });
  const starts = (windows: Array<{ start: Date; end: Date }>) =>
    windows.map(
      (w) => `${w.start.toISOString().slice(0, 13)}..${w.end.toISOString().slice(0, 13)}`,
    );
  const now = new Date('2024-01-03T12:00:00Z');

  it('builds from begin to the end of the current period on a full build', () => {
    expect(starts(plannedBatches({ settings: settings({}), now, incremental: false }))).toEqual([
      '2024-01-01T00..2024-01-02T00',
      '2024-01-02T00..2024-01-03T00',
      '2024-01-03T00..2024-01-04T00',
    ]);
  });

  it('builds the current period and lookback earlier ones on an incremental run', () => {
    expect(starts(plannedBatches({ settings: settings({}), now, incremental: true }))).toEqual([
      '2024-01-02T00..2024-01-03T00',
      '2024-01-03T00..2024-01-04T00',
    ]);
    expect(
      plannedBatches({ settings: settings({ lookback: 0 }), now, incremental: true }),
    ).toHaveLength(1);
    const months = plannedBatches({
      settings: settings({ batchSize: 'month', lookback: 2 }),
      now: new Date('2024-02-10T00:00:00Z'),
      incremental: true,
    });
    expect(starts(months)).toEqual([
      '2023-12-01T00..2024-01-01T00',
      '2024-01-01T00..2024-02-01T00',
      '2024-02-01T00..2024-03-01T00',
    ]);
  });

  it('takes --event-time-start/end instead, whole periods around them', () => {
    const range = {
      start: new Date('2023-12-31T10:00:00Z'),
      end: new Date('2024-01-01T06:00:00Z'),
    };
    expect(
      starts(plannedBatches({ settings: settings({}), now, incremental: true, range })),
    ).toEqual(['2023-12-31T00..2024-01-01T00', '2024-01-01T00..2024-01-02T00']);
    const hours = plannedBatches({
      settings: settings({ batchSize: 'hour' }),
      now,
      incremental: false,
      range,
    });
    expect(hours).toHaveLength(20);
  });

  it('has no batch when begin is after now', () => {
    const future = settings({ begin: new Date('2024-02-01T00:00:00Z') });
    expect(plannedBatches({ settings: future, now, incremental: false })).toEqual([]);
  });
});

describe('concurrent batches', () => {
  const s: MicrobatchSettings = {
    eventTime: 'day',
    batchSize: 'day',
    begin: new Date(0),
    lookback: 1,
  };
  it('follows concurrent_batches, else runs at once only models whose render did not read this', () => {
    expect(batchesRunConcurrently(s, false)).toBe(true);
    expect(batchesRunConcurrently(s, true)).toBe(false);
    expect(batchesRunConcurrently({ ...s, concurrentBatches: true }, true)).toBe(true);
    expect(batchesRunConcurrently({ ...s, concurrentBatches: false }, false)).toBe(false);
  });
});

describe('--event-time-start / --event-time-end', () => {
  it('are both given or neither, start before end', () => {
    expect(eventTimeRange(undefined, undefined)).toBeUndefined();
    expect(eventTimeRange('2024-01-01', '2024-01-02T06:00')).toEqual({
      start: new Date('2024-01-01T00:00:00Z'),
      end: new Date('2024-01-02T06:00:00Z'),
    });
    expect(errorOf(() => eventTimeRange('2024-01-01', undefined)).message).toContain(
      'without --event-time-end',
    );
    expect(errorOf(() => eventTimeRange(undefined, '2024-01-01')).message).toContain(
      'without --event-time-start',
    );
    expect(errorOf(() => eventTimeRange('2024-01-02', '2024-01-02')).message).toContain(
      'must be before',
    );
    expect(errorOf(() => eventTimeRange('2024-01-01', 'soon')).message).toContain(
      "--event-time-end 'soon' is not a date or timestamp",
    );
  });
});
