/**
 * `--event-time-start` / `--event-time-end` (dbt 1.9) on `run` and `build`: the window
 * microbatch models build instead of their default batches (a backfill). Checked by core's
 * `eventTimeRange`: both or neither, ISO dates or timestamps, start before end.
 */
import type { FlagTable } from '../flags';

export interface EventTimeFlags {
  eventTimeStart?: string;
  eventTimeEnd?: string;
}

export const eventTimeFlagTable: FlagTable<EventTimeFlags> = {
  eventTimeStart: {
    type: 'string',
    description:
      'Microbatch models build the batches from this date or timestamp on (inclusive; UTC unless it names a zone)',
  },
  eventTimeEnd: {
    type: 'string',
    description: 'Microbatch models build the batches up to this date or timestamp (exclusive)',
  },
};
