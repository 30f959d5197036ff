import { EXIT_USER_ERROR } from '../failure';
import { defineCommand } from './command';
import { compileWithWarnings, selectInDagOrder } from './core-options';
import { formatTable } from './show-table';
import { createAdapter } from '../adapters';

interface ShowFlags {
  inline?: string;
  limit?: number;
  output: 'text' | 'json';
}

/**
 * `tsmodel show`: previews the rows of one model or seed (`--select`) or of an inline query
 * that may use `ref()`/`source()` (`--inline`). Nothing is built; the query is limited.
 */
export const showCommand = defineCommand<ShowFlags>({
  name: 'show',
  describe: 'Preview the rows of a model or of an inline query',
  flagGroups: ['project', 'selection'],
  flags: {
    inline: {
      type: 'string',
      description: 'SQL to run instead of a model; may use ref() and source()',
    },
    limit: { type: 'number', description: 'How many rows to show (default 5; -1: all)' },
    output: {
      type: 'string',
      alias: ['o'],
      choices: ['text', 'json'],
      default: 'text',
      description: 'text: a table; json: {"node", "show": [rows]}',
    },
  },
  async run(ctx) {
    const { flags, reporter } = ctx;
    const compiled = await compileWithWarnings(ctx, false);
    const core = await import('@tsmodel/core');
    let node: string | undefined;
    if (flags.inline === undefined) {
      const picked = [
        ...core.keepResourceTypes(await selectInDagOrder(ctx, compiled), compiled.manifest, [
          'model',
          'seed',
        ]),
      ];
      if (picked.length !== 1) {
        reporter.error(
          'show-selection',
          picked.length === 0
            ? 'show needs one model or seed: use --select <model> or --inline "select …"'
            : `show previews one node, but the selection has ${picked.length}: ${picked.slice(0, 5).join(', ')}`,
        );
        return EXIT_USER_ERROR;
      }
      node = picked[0];
    }
    const adapter = await createAdapter(compiled.profile.target, {
      projectRoot: compiled.project.root.rootDir,
      invocationId: compiled.engine.options.invocationId,
    });
    try {
      const shown = await core.showRows({
        compiled,
        adapter,
        ...(node !== undefined ? { node } : { inline: flags.inline! }),
        limit: flags.limit ?? 5,
      });
      const name = node === undefined ? 'inline' : compiled.manifest.nodes[node]!.name;
      if (flags.output === 'json') {
        reporter.output(JSON.stringify({ node: name, show: shown.rows }));
      } else {
        reporter.info(
          'show-preview',
          `Previewing ${node === undefined ? 'inline node' : `node '${name}'`}:`,
        );
        reporter.output(formatTable(shown.columns, shown.rows));
      }
    } finally {
      await adapter.close();
    }
  },
});
