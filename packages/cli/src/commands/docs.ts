import { resolve } from 'node:path';
import { createAdapter } from '../adapters';
import { EXIT_OK, EXIT_USER_ERROR } from '../failure';
import { plural } from '../plural';
import { defineCommand } from './command';
import { compileWithWarnings, hasSelectionFlags, selectInDagOrder } from './core-options';
import { targetLine } from './target-summary';

interface DocsFlags {
  emptyCatalog: boolean;
  compile: boolean;
}

/**
 * `tsmodel docs generate`: compiles (manifest.json, `doc()` blocks resolved), reads the
 * warehouse's catalog for the schemas the selected nodes live in, and writes
 * `target/catalog.json` in dbt's format. `--empty-catalog` writes one without connecting;
 * `--no-compile` writes no manifest or compiled SQL. The docs site (`docs serve`) is issue 15.
 */
export const docsCommand = defineCommand<DocsFlags>({
  name: 'docs',
  describe: 'Docs commands: `tsmodel docs generate` writes target/catalog.json',
  flagGroups: ['project', 'selection'],
  positionals: { action: { description: 'generate (serve is not built yet)' } },
  flags: {
    emptyCatalog: {
      type: 'boolean',
      default: false,
      description: 'Write a catalog with no nodes, without connecting to the warehouse',
    },
    compile: {
      type: 'boolean',
      default: true,
      description: 'Write manifest.json and compiled SQL too (--no-compile: only catalog.json)',
    },
  },
  async run(ctx) {
    const { flags, reporter, io } = ctx;
    const { TsmodelError } = await import('@tsmodel/core');
    const action = (flags as { action?: string }).action;
    if (action === 'serve') {
      throw new TsmodelError({
        code: 'docs-serve-not-built',
        message: '`tsmodel docs serve` is not built yet (issue 15)',
        hint: '`tsmodel docs generate` writes target/manifest.json and target/catalog.json, which dbt-docs can serve',
      });
    }
    if (action !== 'generate') {
      throw new TsmodelError({
        code: 'docs-action',
        message:
          action === undefined
            ? '`tsmodel docs` needs an action'
            : `unknown docs action '${action}'`,
        hint: 'run `tsmodel docs generate`',
      });
    }
    const compiled = await compileWithWarnings(ctx, flags.compile);
    const core = await import('@tsmodel/core');
    const root = compiled.project.root;
    const selected = hasSelectionFlags(ctx)
      ? new Set(await selectInDagOrder(ctx, compiled))
      : undefined;
    let adapter: Awaited<ReturnType<typeof createAdapter>> | undefined;
    if (!flags.emptyCatalog) {
      reporter.info('target', targetLine(compiled.profile, io.cwd));
      adapter = await createAdapter(compiled.profile.target, {
        projectRoot: root.rootDir,
        invocationId: compiled.engine.options.invocationId,
      });
    }
    try {
      const { artifact, file, schemas } = await core.generateCatalog({
        manifest: compiled.manifest,
        ...(adapter ? { adapter } : {}),
        ...(selected ? { selected } : {}),
        targetDir: resolve(root.rootDir, root.targetPath),
        invocationId: compiled.engine.options.invocationId,
        env: io.env,
        redactor: ctx.secrets,
        onSchema: (s) =>
          reporter.debug('catalog-schema', `Reading the catalog of schema ${s.schema}`, {
            schema: s.schema,
          }),
      });
      // dbt's docs generate writes run_results.json too (no node runs): tools read both.
      const targetDir = resolve(root.rootDir, root.targetPath);
      await core.writeRunResults(
        targetDir,
        core.runResultsArtifact({
          results: [],
          elapsed: 0,
          invocationId: compiled.engine.options.invocationId,
          args: { which: 'generate' },
        }),
        ctx.secrets,
      );
      const lineage = await core.columnLineageArtifact(compiled.manifest, artifact);
      const lineageFile = await core.writeColumnLineage(targetDir, lineage);
      reporter.info('column-lineage-written', `Wrote ${lineageFile}`, {
        models: Object.keys(lineage.nodes).length,
      });
      const nodes = Object.keys(artifact.nodes).length;
      const sources = Object.keys(artifact.sources).length;
      for (const error of artifact.errors ?? []) reporter.error('catalog-error', error);
      reporter.info(
        'catalog-written',
        `Wrote ${file}: ${plural(nodes, 'node')} and ${plural(sources, 'source')} from ${plural(schemas, 'schema')}`,
        { nodes, sources, schemas, errors: artifact.errors?.length ?? 0 },
      );
      return artifact.errors ? EXIT_USER_ERROR : EXIT_OK;
    } finally {
      await adapter?.close();
    }
  },
});
