import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MICROBATCH_FILES, expectedDaily, microbatchEvents } from '@tsmodel/adapter-testkit';
import { testProject } from './run-fixtures';

/** The run's "now": batches run up to the end of this day (UTC). */
const NOW = new Date('2024-01-03T12:00:00Z');

const daily = (p: ReturnType<typeof testProject>, model = 'daily') =>
  p.query(
    `select strftime(day, '%Y-%m-%d') as day, events, total from main.${model} order by day`,
  );

describe('microbatch incremental models', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('smoke', async () => {
    const p = testProject(MICROBATCH_FILES);
    const seeded = await p.run('seed');
    expect(seeded.stderr).toBe('');
    const built = await p.run('run');
    console.log(built.stdout, built.stderr);
    expect(await daily(p)).toEqual(expectedDaily());
  });
});
