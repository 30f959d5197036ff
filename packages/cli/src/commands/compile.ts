import { plural } from '../plural';
import { defineCommand } from './command';
import { compileWithWarnings, hasSelectionFlags, selectInDagOrder } from './core-options';

/**
 * `tsmodel compile`: renders every node and writes compiled SQL plus manifest.json to target/.
 * Like dbt, selecting exactly one node also prints its compiled SQL.
 */
export const compileCommand = defineCommand({
  name: 'compile',
  describe: 'Render every model to SQL and write target/manifest.json',
  flagGroups: ['project', 'selection'],
  async run(ctx) {
    const compiled = await compileWithWarnings(ctx, true);
    const { nodes, rendered, cacheHits, ms } = compiled.stats;
    ctx.reporter.info(
      'compile-done',
      `Compiled ${plural(nodes, 'node')} (${rendered} rendered, ${cacheHits} from cache) in ${Math.round(ms)} ms`,
      { ...compiled.stats },
    );
    if (!hasSelectionFlags(ctx)) return;
    const selected = await selectInDagOrder(ctx, compiled);
    const nodesById = compiled.manifest.nodes;
    const withSql = selected.filter((id) => nodesById[id]?.compiled_code !== undefined);
    if (withSql.length === 1) {
      const node = nodesById[withSql[0]!]!;
      ctx.reporter.info('compiled-node', `Compiled node '${node.name}' is:`, {
        unique_id: node.unique_id,
      });
      ctx.reporter.output(node.compiled_code!);
    } else {
      ctx.reporter.info('selected', `${plural(selected.length, 'node')} match the selection`, {
        count: selected.length,
      });
    }
  },
});
