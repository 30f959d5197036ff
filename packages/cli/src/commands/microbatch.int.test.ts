import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MICROBATCH_FILES, expectedDaily, microbatchEvents } from '@tsmodel/adapter-testkit';
import { testProject, type TestProject } from './run-fixtures';

/** The run's "now" (only `Date` is faked): a run builds batches up to the end of this day. */
const NOW = new Date('2024-01-03T12:00:00Z');

const rowsOf = (p: TestProject, model = 'daily') =>
  p.query(
    `select strftime(day, '%Y-%m-%d') as day, events::int as events, total::int as total from main.${model} order by day`,
  );

const batchStarts = (stdout: string) =>
  [...stdout.matchAll(/Batch (\d+) of (\d+) START batch (\S+) of main\.daily /g)].map(
    (m) => `${m[1]}/${m[2]} ${m[3]}`,
  );

interface RunResults {
  results: Array<{
    unique_id: string;
    status: string;
    message: string;
    batch_results?: { successful: string[][]; failed: string[][] };
  }>;
}
const runResults = (p: TestProject): RunResults =>
  JSON.parse(readFileSync(join(p.dir, 'target', 'run_results.json'), 'utf8')) as RunResults;

describe('microbatch incremental models', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('builds one batch per day from begin, then only the lookback window', async () => {
    const p = testProject(MICROBATCH_FILES);
    expect((await p.run('seed')).code).toBe(0);
    const first = await p.run('run', '-s', 'daily');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(batchStarts(first.stdout)).toEqual([
      '1/3 2024-01-01',
      '2/3 2024-01-02',
      '3/3 2024-01-03',
    ]);
    expect(first.stdout).toContain('1 of 1 START sql microbatch model main.daily');
    expect(await rowsOf(p)).toEqual(expectedDaily());
    // model.batch.id, per batch; the parent without event_time (rates) was read whole.
    expect(await p.query('select batch_id from main.daily order by day')).toEqual([
      { batch_id: '20240101' },
      { batch_id: '20240102' },
      { batch_id: '20240103' },
    ]);
    const executed = readFileSync(
      join(p.dir, 'target', 'run', 'shop', 'models', 'daily.sql'),
      'utf8',
    );
    expect(executed).toContain(
      '(select * from "shop"."main"."events" where occurred_at >= \'2024-01-03 00:00:00+00:00\' and occurred_at < \'2024-01-04 00:00:00+00:00\')',
    );
    expect(executed).toContain('cross join "shop"."main"."rates"');

    // A late change to an old day is outside the lookback; one to the current day is in it.
    p.write({
      'seeds/events.csv': microbatchEvents({ '2024-01-01': ['5', '5'], '2024-01-03': ['7', '7'] }),
    });
    expect((await p.run('seed')).code).toBe(0);
    const next = await p.run('run', '-s', 'daily');
    expect(next.code).toBe(0);
    expect(batchStarts(next.stdout)).toEqual(['1/2 2024-01-02', '2/2 2024-01-03']);
    expect(await rowsOf(p)).toEqual(expectedDaily({ '2024-01-03': [7, 7] }));

    // A backfill of the old day picks it up, and touches nothing else.
    const backfill = await p.run(
      'run',
      '-s',
      'daily',
      '--event-time-start',
      '2024-01-01',
      '--event-time-end',
      '2024-01-02',
    );
    expect(backfill.code).toBe(0);
    expect(batchStarts(backfill.stdout)).toEqual(['1/1 2024-01-01']);
    expect(await rowsOf(p)).toEqual(expectedDaily({ '2024-01-01': [5, 5], '2024-01-03': [7, 7] }));
    expect(runResults(p).results[0]!.batch_results).toEqual({
      successful: [['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z']],
      failed: [],
    });
  });

  it('keeps the built batches when one fails (partial success), and retry builds only that one', async () => {
    const p = testProject({
      ...MICROBATCH_FILES,
      'seeds/events.csv': microbatchEvents({ '2024-01-02': ['2', 'oops'] }),
    });
    expect((await p.run('seed')).code).toBe(0);
    const failed = await p.run('run', '-s', 'daily');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Batch 2 of 3 retrying batch 2024-01-02 of main\.daily once/);
    expect(failed.stderr).toMatch(/Batch 2 of 3 ERROR creating batch 2024-01-02 of main\.daily/);
    expect(failed.stderr).toMatch(
      /Partial success of model\.shop\.daily: PARTIAL SUCCESS \(2\/3 batches\)/,
    );
    expect(failed.stdout).toMatch(
      /1 of 1 PARTIAL SUCCESS creating sql microbatch model main\.daily/,
    );
    expect(failed.stdout).toContain('1 partial success');
    expect(await rowsOf(p)).toEqual(expectedDaily().filter((r) => r.day !== '2024-01-02'));
    const result = runResults(p).results[0]!;
    expect(result.status).toBe('partial success');
    expect(result.message).toContain('2024-01-02 [2024-01-02T00:00:00Z, 2024-01-03T00:00:00Z)');
    expect(result.batch_results).toEqual({
      successful: [
        ['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'],
        ['2024-01-03T00:00:00Z', '2024-01-04T00:00:00Z'],
      ],
      failed: [['2024-01-02T00:00:00Z', '2024-01-03T00:00:00Z']],
    });

    // Fix the data where it lives; retry builds the failed day alone, keeps the built ones.
    await p.query("update main.events set code = '20' where code = 'oops'");
    const retried = await p.run('retry');
    expect(retried.code).toBe(0);
    expect(batchStarts(retried.stdout)).toEqual(['1/1 2024-01-02']);
    expect(await rowsOf(p)).toEqual(expectedDaily());
    expect(runResults(p).results[0]!.batch_results!.successful).toHaveLength(3);
  });

  it('skips the other batches when the first batch of a full build fails', async () => {
    const p = testProject({
      ...MICROBATCH_FILES,
      'seeds/events.csv': microbatchEvents({ '2024-01-01': ['oops', '1'] }),
    });
    expect((await p.run('seed')).code).toBe(0);
    const failed = await p.run('run', '-s', 'daily');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/Batch 2 of 3 SKIP batch 2024-01-02 of main\.daily/);
    expect(runResults(p).results[0]!.status).toBe('error');
    expect(await p.relations()).not.toContain('daily');
  });

  it('builds the same table with batches at once (on borrowed threads) as in turn', async () => {
    const p = testProject(MICROBATCH_FILES);
    expect((await p.run('seed')).code).toBe(0);
    const window = ['--event-time-start', '2023-12-26', '--event-time-end', '2024-01-04'];
    const built = await p.run(
      'run',
      '--threads',
      '4',
      ...window,
      '--debug',
      '--log-format',
      'json',
    );
    expect(built.code).toBe(0);
    const staged = new Map<string, Set<number>>();
    for (const line of built.stdout.split('\n').filter((l) => l.startsWith('{'))) {
      const e = JSON.parse(line) as {
        event: string;
        label?: string;
        connection?: number;
        unique_id?: string;
      };
      if (e.event !== 'statement' || e.label !== 'stage the batch' || !e.unique_id) continue;
      staged.set(e.unique_id, (staged.get(e.unique_id) ?? new Set()).add(e.connection!));
    }
    // 9 daily batches: the first creates the table, 7 run at once, the last alone.
    expect(staged.get('model.shop.daily')!.size).toBeGreaterThan(1);
    expect(staged.get('model.shop.daily_in_turn')!.size).toBe(1);
    expect(await rowsOf(p)).toEqual(expectedDaily());
    expect(await rowsOf(p, 'daily_in_turn')).toEqual(await rowsOf(p));
    // Every batch staged in a table of its own, all dropped.
    expect(await p.relations()).toEqual(['daily', 'daily_in_turn', 'events', 'rates']);
  });

  it('gives hooks model.batch (the first batch to pre-hooks, the last to post-hooks), None elsewhere', async () => {
    const hooked = (model: string, config: string) => `{{ config(${config},
  pre_hook="insert into {{ ref('hook_log') }} select '${model} pre', '{{ model.batch.id if model.batch is not none else 'None' }}', '{{ model.batch.event_time_start if model.batch is not none else '' }}'",
  post_hook="insert into {{ ref('hook_log') }} select '${model} post', '{{ model.batch.id if model.batch is not none else 'None' }}', '{{ model.batch.event_time_end if model.batch is not none else '' }}'") }}`;
    const p = testProject({
      ...MICROBATCH_FILES,
      'models/hook_log.sql':
        "{{ config(materialized='table') }}\nselect cast(null as varchar) as hook, cast(null as varchar) as batch_id, cast(null as varchar) as ts where false",
      'models/daily.sql': `${hooked('daily', "materialized='incremental', incremental_strategy='microbatch', event_time='day', batch_size='day', begin='2024-01-01'")}
select cast(occurred_at as date) as day, count(*) as events, '{{ model.batch.id }}' as batch_id
from {{ ref('events') }} {{ "where 1 = 1" if model.batch is not none }} group by 1
-- depends_on: {{ ref('hook_log') }}`,
      'models/plain.sql': `${hooked('plain', "materialized='table'")}
select '{{ model.batch }}' as batch, {{ 'true' if model.batch is none else 'false' }} as is_none
-- depends_on: {{ ref('hook_log') }}`,
      'models/daily_in_turn.sql': 'select 1 as x',
    });
    expect((await p.run('seed')).code).toBe(0);
    const run = await p.run('run');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await p.query('select hook, batch_id, ts from main.hook_log order by hook')).toEqual([
      { hook: 'daily post', batch_id: '20240103', ts: '2024-01-04 00:00:00+00:00' },
      { hook: 'daily pre', batch_id: '20240101', ts: '2024-01-01 00:00:00+00:00' },
      { hook: 'plain post', batch_id: 'None', ts: '' },
      { hook: 'plain pre', batch_id: 'None', ts: '' },
    ]);
    expect(await p.query('select batch, is_none from main.plain')).toEqual([
      { batch: 'None', is_none: true },
    ]);
    expect(await p.query('select batch_id from main.daily order by day')).toEqual([
      { batch_id: '20240101' },
      { batch_id: '20240102' },
      { batch_id: '20240103' },
    ]);
  });

  it('runs batches in turn when a macro the model calls reads this, at once when none does', async () => {
    const model = (macro: string) => `{{ config(materialized='incremental',
  incremental_strategy='microbatch', event_time='day', batch_size='day', begin='2024-01-01') }}
select cast(occurred_at as date) as day, count(*) as events, 0 as total
from {{ ref('events') }} where id > {{ ${macro}() }} group by 1`;
    const p = testProject({
      ...MICROBATCH_FILES,
      // No `this` in the model's own text: only the macro's render shows it reads its table.
      'macros/floor.sql': [
        "{% macro own_floor() %}length('{{ this.identifier }}') - 100{% endmacro %}",
        '{% macro fixed_floor() %}-100{% endmacro %}',
      ].join('\n'),
      'models/daily.sql': model('fixed_floor'),
      'models/daily_in_turn.sql': model('own_floor'),
    });
    expect((await p.run('seed')).code).toBe(0);
    const window = ['--event-time-start', '2023-12-26', '--event-time-end', '2024-01-04'];
    const built = await p.run(
      'run',
      '--threads',
      '4',
      ...window,
      '--debug',
      '--log-format',
      'json',
    );
    expect(built.code).toBe(0);
    const staged = new Map<string, Set<number>>();
    for (const line of built.stdout.split('\n').filter((l) => l.startsWith('{'))) {
      const e = JSON.parse(line) as {
        event: string;
        label?: string;
        connection?: number;
        unique_id?: string;
      };
      if (e.event !== 'statement' || e.label !== 'stage the batch' || !e.unique_id) continue;
      staged.set(e.unique_id, (staged.get(e.unique_id) ?? new Set()).add(e.connection!));
    }
    expect(staged.get('model.shop.daily')!.size).toBeGreaterThan(1);
    expect(staged.get('model.shop.daily_in_turn')!.size).toBe(1);
    expect(await rowsOf(p, 'daily_in_turn')).toEqual(await rowsOf(p));
  });

  it('filters a source that sets event_time, read from its YAML config', async () => {
    const p = testProject({
      ...MICROBATCH_FILES,
      'models/sources.yml':
        'sources:\n  - name: raw\n    schema: main\n    tables:\n      - name: events\n        config: {event_time: occurred_at}\n',
      'models/daily.sql': `{{ config(materialized='incremental', incremental_strategy='microbatch',
  event_time='day', batch_size='day', begin='2024-01-01') }}
select cast(occurred_at as date) as day, count(*) as events, 0 as total
from {{ source('raw', 'events') }} group by 1`,
    });
    expect((await p.run('seed')).code).toBe(0);
    const one = ['--event-time-start', '2024-01-02', '--event-time-end', '2024-01-03'];
    expect((await p.run('run', '-s', 'daily', ...one)).code).toBe(0);
    expect(await rowsOf(p)).toEqual([{ day: '2024-01-02', events: 2, total: 0 }]);
  });

  it('rejects bad configs at compile time and bad --event-time flags before running', async () => {
    const p = testProject({
      ...MICROBATCH_FILES,
      'models/daily.sql':
        "{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='day', batch_size='week', begin='2024-01-01') }} select 1 as x",
      'models/daily_in_turn.sql':
        "{{ config(materialized='table', incremental_strategy='microbatch', event_time='day', batch_size='day', begin='2024-13-01') }} select 1 as x",
    });
    const compiled = await p.run('compile');
    expect(compiled.code).not.toBe(0);
    expect(compiled.stderr).toContain("unknown batch_size 'week'");
    expect(compiled.stderr).toContain('models/daily.sql');
    expect(compiled.stderr).toContain("needs materialized='incremental'");

    const q = testProject(MICROBATCH_FILES);
    const half = await q.run('run', '--event-time-start', '2024-01-01');
    expect(half.code).not.toBe(0);
    expect(half.stderr).toContain('--event-time-start was given without --event-time-end');
    const reversed = await q.run(
      'run',
      '--event-time-start',
      '2024-01-02',
      '--event-time-end',
      '2024-01-01',
    );
    expect(reversed.stderr).toContain('must be before --event-time-end');
    const bad = await q.run(
      'build',
      '--event-time-start',
      'yesterday',
      '--event-time-end',
      '2024-01-01',
    );
    expect(bad.stderr).toContain("--event-time-start 'yesterday' is not a date or timestamp");
  });
});
