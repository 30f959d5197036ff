import type { Adapter, CompileResult, NodeResult } from '@tsmodel/core';
import type { Reporter } from '../reporter';
import { formatTable } from './show-table';

/** Rows of each seed `seed --show` prints, as dbt's agate preview. */
const PREVIEW_ROWS = 10;

/**
 * `tsmodel seed --show`: after loading, a preview of each seed that loaded — its relation and
 * its first rows, read back from the warehouse (what was loaded, types and all), as dbt prints
 * a sample of each seed's table.
 */
export async function showSeeds(
  reporter: Reporter,
  compiled: Pick<
    CompileResult,
    'manifest' | 'renderAdHoc' | 'renderForRun' | 'introspective' | 'logging'
  >,
  adapter: Adapter,
  results: readonly NodeResult[],
): Promise<void> {
  const core = await import('@tsmodel/core');
  for (const result of results) {
    const node = compiled.manifest.nodes[result.unique_id];
    if (!node || node.resource_type !== 'seed' || result.status !== 'success') continue;
    const shown = await core.showRows({
      compiled,
      adapter,
      node: node.unique_id,
      limit: PREVIEW_ROWS,
    });
    const at = node.relation ? `${node.relation.schema}.${node.relation.identifier}` : node.name;
    const header = `Sample of table: ${at}`;
    reporter.info('seed-show', `\n${header}\n${'-'.repeat(header.length)}`, {
      unique_id: node.unique_id,
    });
    reporter.output(`${formatTable(shown.columns, shown.rows)}\n`);
  }
}
