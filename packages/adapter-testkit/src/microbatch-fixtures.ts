/**
 * A microbatch project run on every engine: a seed of events with `event_time`, a seed without
 * (read whole by every batch), and daily models over them — one whose batches may run at once,
 * one forced to run them in turn. `code` is text cast to an integer by the models, so a row
 * with `code = 'oops'` fails the batch of its day only. Schema-agnostic: only refs.
 */

/** Rows of `seeds/events.csv` (`id,occurred_at,code`) for the days 2024-01-01 to 2024-01-03. */
export function microbatchEvents(codes: { [day: string]: [string, string] } = {}): string {
  const days = ['2024-01-01', '2024-01-02', '2024-01-03'];
  const rows = days.flatMap((day, d) => {
    const [a, b] = codes[day] ?? [String(d + 1), String(10 * (d + 1))];
    return [`${2 * d + 1},${day} 08:00:00,${a}`, `${2 * d + 2},${day} 17:30:00,${b}`];
  });
  return `id,occurred_at,code\n${rows.join('\n')}\n`;
}

const model = (concurrent: boolean) => `{{ config(
    materialized='incremental',
    incremental_strategy='microbatch',
    event_time='day',
    batch_size='day',
    begin='2024-01-01',
    concurrent_batches=${concurrent ? 'true' : 'false'}
) }}
select
  cast(e.occurred_at as date) as day,
  count(*) as events,
  sum(cast(e.code as integer) * r.multiplier) as total,
  '{{ model.batch.id if model.batch else "none" }}' as batch_id
from {{ ref('events') }} e
cross join {{ ref('rates') }} r
group by 1
`;

export const MICROBATCH_FILES: Record<string, string> = {
  'seeds/events.csv': microbatchEvents(),
  'seeds/rates.csv': 'multiplier\n2\n',
  'seeds/properties.yml':
    'seeds:\n  - name: events\n    config:\n      event_time: occurred_at\n      column_types: {code: varchar}\n',
  'models/daily.sql': model(true),
  'models/daily_in_turn.sql': model(false),
};

/** `day, events, total, batch_id` of a daily model after building every day of `codes`. */
export function expectedDaily(
  codes: { [day: string]: [number, number] } = {},
): Array<{ day: string; events: number; total: number }> {
  return ['2024-01-01', '2024-01-02', '2024-01-03'].map((day, d) => {
    const [a, b] = codes[day] ?? [d + 1, 10 * (d + 1)];
    return { day, events: 2, total: (a + b) * 2 };
  });
}
