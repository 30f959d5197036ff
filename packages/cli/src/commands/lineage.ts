import { resolve } from 'node:path';
import { defineCommand } from './command';
import { manifestWithWarnings } from './core-options';

interface LineageFlags {
  depth?: number;
  output: 'text' | 'json';
}

/**
 * `tsmodel lineage model.column`: the columns a model column is computed from, hop by hop down
 * to seeds and sources, each edge labelled with how. Offline: computed from the compiled SQL,
 * with target/catalog.json (when `docs generate` wrote one) expanding `select *` over sources.
 */
export const lineageCommand = defineCommand<LineageFlags>({
  name: 'lineage',
  describe: 'Show the upstream columns of a model column, e.g. lineage sessions.session_id',
  flagGroups: ['project'],
  positionals: { column: { description: 'The column: model.column (or package.model.column)' } },
  flags: {
    depth: {
      type: 'number',
      description: 'How many hops up to show (default: down to seeds and sources)',
    },
    output: {
      type: 'string',
      alias: ['o'],
      choices: ['text', 'json'],
      default: 'text',
      description: 'text: a tree; json: {"node", "column", "how", "upstream": [...]} nested',
    },
  },
  async run(ctx) {
    const { flags, reporter } = ctx;
    const column = (flags as { column?: string }).column;
    const core = await import('@tsmodel/core');
    if (!column) {
      throw new core.TsmodelError({
        code: 'lineage-usage',
        message: 'lineage needs a column',
        hint: 'tsmodel lineage sessions.session_id',
      });
    }
    if (flags.depth !== undefined && !(Number.isInteger(flags.depth) && flags.depth >= 0)) {
      throw new core.TsmodelError({
        code: 'lineage-usage',
        message: `--depth must be a whole number of hops, got ${String(flags.depth)}`,
        hint: '--depth 2 shows the column, its parents and their parents',
      });
    }
    const compiled = await manifestWithWarnings(ctx, 'manifest');
    const { root } = compiled.project;
    const targetDir = resolve(root.rootDir, root.targetPath);
    const catalog = await core.readCatalogIfPresent(targetDir);
    // docs generate's column_lineage.json is used as it is when computed from the same input.
    const { nodes } = await core.columnLineageArtifact(
      compiled.manifest,
      catalog,
      new Date(),
      await core.readPreviousLineage(targetDir),
    );
    const target = core.findLineageColumn(compiled.manifest, nodes, column);
    const tree = core.upstreamTree(nodes, target, flags.depth);
    if (flags.output === 'json') reporter.output(JSON.stringify(tree, null, 2));
    else reporter.output(core.renderLineageTree(tree, compiled.manifest).join('\n'));
  },
});
