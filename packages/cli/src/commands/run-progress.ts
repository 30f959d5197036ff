/**
 * dbt-style progress lines for run/build/seed/test:
 * `1 of 5 START sql table model main.orders ........ [RUN]` then
 * `1 of 5 OK created sql table model main.orders ... [SELECT 12 in 0.03s]`.
 * Every line is also a structured event, so `--log-format json` gets one object per line.
 */
import { createColors } from 'picocolors';
import type { ManifestNode, NodeResult, RunEvent, RunTotals, UnitTestNode } from '@tsmodel/core';
import type { Reporter } from '../reporter';
import { printBatchEvent } from './batch-progress';
import { plural } from '../plural';

const LINE_WIDTH = 80;

type Colors = ReturnType<typeof createColors>;

/** A test's name in progress lines; a unit test's is `model::name`, as dbt prints it. */
function shownName(node: ManifestNode): string {
  return node.resource_type === 'unit_test'
    ? `${(node as UnitTestNode).model}::${node.name}`
    : node.name;
}

/** What the node is, as dbt words it: `sql table model main.orders`, `seed file main.raw`. */
export function describeNode(node: ManifestNode, relation: string | undefined): string {
  const rel = node.relation;
  const where = relation === undefined || !rel ? node.name : `${rel.schema}.${rel.identifier}`;
  if (node.resource_type === 'seed') return `seed file ${where}`;
  if (node.resource_type === 'test') return `test ${node.name}`;
  if (node.resource_type === 'unit_test') return `unit_test ${shownName(node)}`;
  if (node.resource_type === 'snapshot') return `snapshot ${where}`;
  const kind =
    node.config.incremental_strategy === 'microbatch' ? 'microbatch' : node.config.materialized;
  return `sql ${kind} model ${where}`;
}

function dots(left: string, right: string): string {
  return `${left} ${'.'.repeat(Math.max(3, LINE_WIDTH - left.length - right.length - 2))} ${right}`;
}

function seconds(result: NodeResult): string {
  return `${result.execution_time.toFixed(2)}s`;
}

/** The end line's verb and bracket for a result, e.g. `OK created` / `[SELECT 12 in 0.03s]`. */
export function endLine(
  index: number,
  total: number,
  node: ManifestNode,
  relation: string | undefined,
  result: NodeResult,
  c: Colors,
): string {
  const what = describeNode(node, relation);
  const n = `${index} of ${total}`;
  const time = seconds(result);
  switch (result.status) {
    case 'success': {
      const verb =
        node.resource_type === 'seed'
          ? 'loaded'
          : node.resource_type === 'snapshot'
            ? 'snapshotted'
            : 'created';
      const detail = `${result.message || 'OK'} in ${time}`;
      return dots(`${n} ${c.green('OK')} ${verb} ${what}`, `[${c.green(detail)}]`);
    }
    case 'pass':
      return dots(`${n} ${c.green('PASS')} ${shownName(node)}`, `[${c.green('PASS')} in ${time}]`);
    case 'warn':
      return dots(
        `${n} ${c.yellow(`WARN ${result.failures ?? ''}`)} ${node.name}`,
        `[${c.yellow(`WARN ${result.failures ?? ''}`)} in ${time}]`,
      );
    case 'fail':
      return dots(
        `${n} ${c.red(`FAIL ${result.failures ?? ''}`)} ${shownName(node)}`,
        `[${c.red(`FAIL ${result.failures ?? ''}`)} in ${time}]`,
      );
    case 'error':
      return dots(`${n} ${c.red('ERROR')} creating ${what}`, `[${c.red('ERROR')} in ${time}]`);
    case 'partial success':
      return dots(
        `${n} ${c.yellow('PARTIAL SUCCESS')} creating ${what}`,
        `[${c.yellow('PARTIAL SUCCESS')} in ${time}]`,
      );
    case 'skipped':
      return dots(`${n} ${c.yellow('SKIP')} ${what}`, `[${c.yellow('SKIP')}]`);
    case 'cancelled':
      return dots(`${n} ${c.yellow('CANCELLED')} ${what}`, `[${c.yellow('CANCELLED')} in ${time}]`);
  }
}

/** Prints run events through the reporter; returns the callback `executeRun` takes. */
export function progressPrinter(reporter: Reporter, color: boolean): (event: RunEvent) => void {
  const c = createColors(color);
  return (event) => {
    switch (event.type) {
      case 'leftover-dropped':
        reporter.info(
          'leftover-dropped',
          `Dropped ${event.relation}, left behind by an interrupted run`,
          { relation: event.relation },
        );
        return;
      case 'staging-dropped':
        reporter.info('staging-dropped', `Dropped ${event.relation}, staged by a cancelled node`, {
          relation: event.relation,
        });
        return;
      case 'staging-cleanup-failed':
        reporter.warn(
          'staging-cleanup-failed',
          `Could not drop what cancelled nodes staged (${event.message}); the next run drops it`,
        );
        return;
      case 'dependents-kept': {
        const parts = [
          ...(event.kept.length > 0
            ? [
                `kept ${event.kept.length} dependent view${event.kept.length === 1 ? '' : 's'} (recreated in the swap): ${event.kept.join(', ')}`,
              ]
            : []),
          ...(event.dropped.length > 0
            ? [
                `dropped ${event.dropped.join(', ')} for ${event.dropped.length === 1 ? 'its model' : 'their models'} to rebuild next`,
              ]
            : []),
        ];
        reporter.info('dependents-kept', `Rebuilt ${event.relation}: ${parts.join('; ')}`, {
          unique_id: event.node.unique_id,
          relation: event.relation,
          kept: event.kept,
          dropped: event.dropped,
        });
        return;
      }
      case 'log':
        if (event.info) reporter.info('log', event.message);
        else reporter.debug('log', event.message);
        return;
      case 'node-warning':
        reporter.warn('node-warning', event.message, { unique_id: event.node.unique_id });
        return;
      case 'run-start':
        reporter.info(
          'run-start',
          `Running ${event.total} node${event.total === 1 ? '' : 's'} with ${event.threads} thread${event.threads === 1 ? '' : 's'}`,
          { total: event.total, threads: event.threads },
        );
        return;
      case 'hook-start':
        reporter.info('hook-start', `Running ${event.hook} hook ${event.index} of ${event.total}`, {
          hook: event.hook,
          index: event.index,
        });
        return;
      case 'node-start':
        reporter.info(
          'node-start',
          dots(
            `${event.index} of ${event.total} START ${describeNode(event.node, event.relation)}`,
            '[RUN]',
          ),
          { unique_id: event.node.unique_id, index: event.index, total: event.total },
        );
        return;
      case 'node-end': {
        const { result } = event;
        reporter.info(
          'node-end',
          endLine(event.index, event.total, event.node, event.relation, result, c),
          {
            unique_id: result.unique_id,
            status: result.status,
            index: event.index,
            total: event.total,
            execution_time: result.execution_time,
            ...(result.rows_affected !== undefined ? { rows_affected: result.rows_affected } : {}),
            ...(result.failures !== null ? { failures: result.failures } : {}),
            message: result.message,
          },
        );
        return;
      }
      case 'batch-start':
      case 'batch-retry':
      case 'batch-end':
        printBatchEvent(reporter, event, c);
        return;
      case 'run-end':
        return;
    }
  };
}

/** `Completed with 1 error and 0 warnings:` plus each problem, then the `Done.` line. */
export function printSummary(
  reporter: Reporter,
  results: readonly NodeResult[],
  totals: RunTotals,
  elapsed: number,
  /** The signal that cancelled the run, if one did. */
  cancelledBy: string | undefined,
): void {
  const errors = results.filter(
    (r) => r.status === 'error' || r.status === 'fail' || r.status === 'partial success',
  );
  const partial = errors.filter((r) => r.status === 'partial success').length;
  const warnings = results.filter((r) => r.status === 'warn');
  reporter.info(
    'run-finished',
    `Finished running ${totals.total} nodes in ${elapsed.toFixed(2)}s.`,
    {
      elapsed,
    },
  );
  if (cancelledBy)
    reporter.warn(
      'run-cancelled',
      `Cancelled by ${cancelledBy}: running queries were interrupted`,
      {
        signal: cancelledBy,
      },
    );
  if (errors.length > 0 || warnings.length > 0) {
    reporter.info(
      'run-problems',
      `Completed with ${plural(errors.length - partial, 'error')}${partial > 0 ? `, ${partial} partial success${partial === 1 ? '' : 'es'}` : ''} and ${plural(warnings.length, 'warning')}:`,
    );
    for (const r of errors)
      reporter.error(
        'node-failed',
        `${r.status === 'fail' ? 'Failure in' : r.status === 'partial success' ? 'Partial success of' : 'Error in'} ${r.unique_id}: ${r.message}`,
        {
          unique_id: r.unique_id,
          compiled_path: r.compiled_path,
        },
      );
    for (const r of warnings)
      reporter.warn('node-warned', `Warning in ${r.unique_id}: ${r.message}`, {
        unique_id: r.unique_id,
      });
  }
  reporter.info(
    'run-summary',
    `Done. PASS=${totals.pass} WARN=${totals.warn} ERROR=${totals.error} SKIP=${totals.skip}${totals.cancelled > 0 ? ` CANCELLED=${totals.cancelled}` : ''} TOTAL=${totals.total}`,
    { ...totals },
  );
}
