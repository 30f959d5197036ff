import { closest } from 'fastest-levenshtein';
import { TsmodelError } from '../diagnostics';
import type { NodeConfig } from '../manifest/types';
import {
  BATCH_SIZES,
  ceilingTime,
  offsetTime,
  parseEventTime,
  truncateTime,
  windowsBetween,
  type BatchSize,
  type BatchWindow,
} from './microbatch-time';

/** A model's microbatch settings, checked (dbt's `event_time`, `batch_size`, `begin`, …). */
export interface MicrobatchSettings {
  /** The model's own time column (or expression): each batch replaces its window of it. */
  eventTime: string;
  batchSize: BatchSize;
  /** Where the first full build starts. */
  begin: Date;
  /** Periods before the current one that an incremental run builds again (late rows). */
  lookback: number;
  /** `concurrent_batches`; unset lets the runner decide from the model's use of `this`. */
  concurrentBatches?: boolean;
}

export function isMicrobatch(config: NodeConfig): boolean {
  return config.incremental_strategy === 'microbatch';
}

/**
 * The settings of a model with `incremental_strategy='microbatch'`, or a located error naming
 * the config to fix. Called by the compiler for every such model (so a typo fails before
 * anything runs) and by the runner.
 */
export function microbatchSettings(node: {
  unique_id: string;
  original_file_path?: string;
  config: NodeConfig;
}): MicrobatchSettings {
  const { config } = node;
  const fail = (code: string, message: string, hint: string): never => {
    throw new TsmodelError({
      code,
      message: `${node.unique_id}: ${message}`,
      node: node.unique_id,
      ...(node.original_file_path ? { location: { file: node.original_file_path } } : {}),
      hint,
    });
  };
  if (config.materialized !== 'incremental')
    fail(
      'microbatch-not-incremental',
      `incremental_strategy 'microbatch' needs materialized='incremental', not '${config.materialized}'`,
      "set materialized='incremental', or drop incremental_strategy",
    );
  const eventTime = config.event_time;
  if (typeof eventTime !== 'string' || eventTime.trim() === '')
    fail(
      'microbatch-event-time',
      "a microbatch model needs event_time: the column that says when each row's event happened",
      "add event_time='<column>' to its config (and to the parents it should read batch by batch)",
    );
  const size = config.batch_size;
  if (typeof size !== 'string' || !(BATCH_SIZES as readonly string[]).includes(size))
    fail(
      'microbatch-batch-size',
      size === undefined || size === null
        ? 'a microbatch model needs batch_size'
        : `unknown batch_size '${String(size)}'`,
      `use one of ${BATCH_SIZES.join(', ')}${typeof size === 'string' ? ` (did you mean '${closest(size, [...BATCH_SIZES])}'?)` : ''}`,
    );
  const begin = beginOf(config.begin);
  if (!begin)
    fail(
      'microbatch-begin',
      config.begin === undefined || config.begin === null
        ? 'a microbatch model needs begin: where its first full build starts'
        : `begin '${String(config.begin)}' is not a date or timestamp`,
      "set begin='2024-01-01' (an ISO date or timestamp, UTC unless it names a zone)",
    );
  const lookback = config.lookback ?? 1;
  if (typeof lookback !== 'number' || !Number.isInteger(lookback) || lookback < 0)
    fail(
      'microbatch-lookback',
      `lookback must be a whole number of batches, 0 or more, not '${String(lookback)}'`,
      'set lookback=1 (the default) or another count of earlier batches to build again',
    );
  const concurrent = config.concurrent_batches;
  if (concurrent !== undefined && concurrent !== null && typeof concurrent !== 'boolean')
    fail(
      'microbatch-concurrent-batches',
      `concurrent_batches must be true or false, not '${String(concurrent)}'`,
      'leave it unset to let tsmodel decide from whether the model reads {{ this }}',
    );
  return {
    eventTime: (eventTime as string).trim(),
    batchSize: size as BatchSize,
    begin: begin!,
    lookback: lookback as number,
    ...(typeof concurrent === 'boolean' ? { concurrentBatches: concurrent } : {}),
  };
}

function beginOf(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  return typeof value === 'string' ? parseEventTime(value) : undefined;
}

/** `--event-time-start` / `--event-time-end`: the window a run builds instead of its default. */
export interface EventTimeRange {
  start: Date;
  end: Date;
}

/**
 * The batches one run of a microbatch model builds, as dbt computes them: up to the end of the
 * current period (or of `--event-time-end`'s); from `begin` on a full build, from `lookback`
 * periods before the current one on an incremental run, or from `--event-time-start`'s period.
 */
export function plannedBatches(input: {
  settings: MicrobatchSettings;
  /** The run's start: every model of one run agrees on "now". */
  now: Date;
  /** The table exists and is not being rebuilt from scratch. */
  incremental: boolean;
  range?: EventTimeRange;
}): BatchWindow[] {
  const { settings, now, range } = input;
  const size = settings.batchSize;
  const end = ceilingTime(range?.end ?? now, size);
  const start = range
    ? truncateTime(range.start, size)
    : input.incremental
      ? offsetTime(end, size, -(settings.lookback + 1))
      : truncateTime(settings.begin, size);
  return windowsBetween(start, end, size);
}

/**
 * Whether a model's batches may run at once (after its first): `concurrent_batches`, else only
 * when its render did not read its own table — `this` or `is_incremental()`, in the template or
 * a macro it calls (`selfReferencing`, recorded by the render) — as dbt decides from `has_this`.
 */
export function batchesRunConcurrently(
  settings: MicrobatchSettings,
  selfReferencing: boolean,
): boolean {
  return settings.concurrentBatches ?? !selfReferencing;
}

/** Checks `--event-time-start` / `--event-time-end` as dbt does: both or neither, start first. */
export function eventTimeRange(
  startText: string | undefined,
  endText: string | undefined,
): EventTimeRange | undefined {
  if (startText === undefined && endText === undefined) return undefined;
  const usage = (message: string, hint: string): never => {
    throw new TsmodelError({ code: 'event-time-flags', message, hint });
  };
  if (startText === undefined)
    usage(
      '--event-time-end was given without --event-time-start',
      'give both: --event-time-start 2024-01-01 --event-time-end 2024-02-01',
    );
  if (endText === undefined)
    usage(
      '--event-time-start was given without --event-time-end',
      'give both: --event-time-start 2024-01-01 --event-time-end 2024-02-01',
    );
  const parse = (flag: string, text: string) =>
    parseEventTime(text) ??
    usage(
      `${flag} '${text}' is not a date or timestamp`,
      'use an ISO date or timestamp, e.g. 2024-01-01 or 2024-01-01T06:00:00 (UTC unless it names a zone)',
    );
  const start = parse('--event-time-start', startText!);
  const end = parse('--event-time-end', endText!);
  if (start >= end)
    usage(
      `--event-time-start (${startText}) must be before --event-time-end (${endText})`,
      'the end is exclusive: --event-time-start 2024-01-01 --event-time-end 2024-01-02 is one day',
    );
  return { start, end };
}
