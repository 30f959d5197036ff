import { plural } from '../plural';
import { defineCommand, type CommandContext } from './command';
import {
  compileWithWarnings,
  hasSelectionFlags,
  manifestWithWarnings,
  selectInDagOrder,
} from './core-options';
import { createAdapter } from '../adapters';

interface CompileFlags {
  introspect: boolean;
}

/**
 * `tsmodel compile`: renders every node and writes compiled SQL plus manifest.json to target/.
 * Offline by default: incremental models show their full-build SQL and introspective nodes
 * their parse-time SQL. `--introspect` renders both against the warehouse as `run` would. Like dbt, selecting exactly one node also prints its compiled SQL.
 */
export const compileCommand = defineCommand<CompileFlags>({
  name: 'compile',
  describe: 'Render every model to SQL and write target/manifest.json',
  flagGroups: ['project', 'selection', 'execution'],
  flags: {
    introspect: {
      type: 'boolean',
      default: false,
      description:
        'Render against the warehouse as run does: is_incremental(), run_query, adapter.get_columns_in_relation…',
    },
  },
  async run(ctx) {
    const compiled = ctx.flags.introspect
      ? await compileAgainstWarehouse(ctx)
      : await manifestWithWarnings(ctx, true);
    const { nodes, rendered, cacheHits, ms } = compiled.stats;
    ctx.reporter.info(
      'compile-done',
      `Compiled ${plural(nodes, 'node')} (${rendered} rendered, ${cacheHits} from cache) in ${Math.round(ms)} ms`,
      { ...compiled.stats },
    );
    const fallback = ctx.flags.introspect ? [] : [...compiled.introspective].sort();
    if (fallback.length > 0)
      ctx.reporter.info(
        'needs-introspect',
        `${plural(fallback.length, 'node')} read the warehouse while rendering (run_query, adapter.get_columns_in_relation, execute…): their compiled SQL is the parse-time fallback; \`tsmodel compile --introspect\` renders them against the target as run does: ${fallback.join(', ')}`,
        { nodes: fallback },
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

/** `--introspect`: a full compile, then incremental SQL for the incremental tables that exist. */
async function compileAgainstWarehouse(ctx: CommandContext<CompileFlags>) {
  const compiled = await compileWithWarnings(ctx, false);
  const core = await import('@tsmodel/core');
  const target = compiled.profile.target;
  const root = compiled.project.root;
  const adapter = await createAdapter(target, {
    projectRoot: root.rootDir,
  });
  try {
    const done = await core.compileAgainstWarehouse(compiled, adapter, {
      fullRefresh: ctx.flags.fullRefresh,
    });
    ctx.reporter.info(
      'introspected',
      `Incremental models already built in the warehouse: ${done.incremental.length} (compiled with is_incremental() true); nodes rendered against the warehouse: ${done.introspective.length}`,
      { count: done.incremental.length, introspective: done.introspective.length },
    );
  } finally {
    await adapter.close();
  }
  const { resolve } = await import('node:path');
  await core.writeArtifacts(
    resolve(root.rootDir, root.targetPath),
    compiled.manifest,
    root.targetPath,
  );
  return compiled;
}
