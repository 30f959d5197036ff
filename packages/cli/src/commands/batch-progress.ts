/**
 * Progress lines of a microbatch model's batches, as dbt prints them:
 * `Batch 1 of 3 START batch 2024-01-01 of main.events ..... [RUN]`, then
 * `Batch 1 of 3 OK created batch 2024-01-01 of main.events ... [INSERT 12 in 0.03s]`.
 */
import type { createColors } from 'picocolors';
import type { RunEvent } from '@tsmodel/core';
import type { Reporter } from '../reporter';

type BatchEvent = Extract<RunEvent, { type: 'batch-start' | 'batch-retry' | 'batch-end' }>;

const LINE_WIDTH = 80;

function dots(left: string, right: string): string {
  return `${left} ${'.'.repeat(Math.max(3, LINE_WIDTH - left.length - right.length - 2))} ${right}`;
}

export function printBatchEvent(
  reporter: Reporter,
  event: BatchEvent,
  c: ReturnType<typeof createColors>,
): void {
  const n = `Batch ${event.index} of ${event.total}`;
  const what = `batch ${event.batch} of ${event.relation}`;
  const fields = {
    unique_id: event.node.unique_id,
    batch: event.batch,
    index: event.index,
    total: event.total,
  };
  if (event.type === 'batch-start') {
    reporter.info('batch-start', dots(`${n} START ${what}`, '[RUN]'), fields);
    return;
  }
  if (event.type === 'batch-retry') {
    reporter.warn('batch-retry', `${n} retrying ${what} once after: ${event.message}`, {
      ...fields,
      message: event.message,
    });
    return;
  }
  const time = `in ${event.elapsed.toFixed(2)}s`;
  const done = { ...fields, status: event.status, message: event.message };
  if (event.status === 'success')
    reporter.info(
      'batch-end',
      dots(`${n} ${c.green('OK')} created ${what}`, `[${c.green(event.message)} ${time}]`),
      done,
    );
  else if (event.status === 'skipped')
    reporter.info(
      'batch-end',
      dots(`${n} ${c.yellow('SKIP')} ${what}`, `[${c.yellow('SKIP')}]`),
      done,
    );
  else
    reporter.error(
      'batch-end',
      `${dots(`${n} ${c.red('ERROR')} creating ${what}`, `[${c.red('ERROR')} ${time}]`)}\n  ${event.message}`,
      done,
    );
}
