import { plural } from '../plural';
import { defineCommand } from './command';
import { manifestWithWarnings } from './core-options';

/**
 * `tsmodel parse`: loads and checks the whole project (YAML, refs, configs, templates) and
 * reports every problem; writes target/manifest.json only (no compiled SQL), like dbt.
 */
export const parseCommand = defineCommand({
  name: 'parse',
  describe: 'Check the project for errors and write target/manifest.json',
  flagGroups: ['project'],
  async run(ctx) {
    const compiled = await manifestWithWarnings(ctx, 'manifest');
    const { nodes, ms } = compiled.stats;
    const macros = Object.keys(compiled.manifest.macros).length;
    const sources = Object.keys(compiled.manifest.sources).length;
    ctx.reporter.info(
      'parse-done',
      `Parsed ${plural(nodes, 'node')}, ${plural(sources, 'source')} and ${plural(macros, 'macro')} in ${Math.round(ms)} ms; no problems found`,
      { nodes, sources, macros, ms },
    );
  },
});
