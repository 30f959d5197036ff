import { resolve } from 'node:path';
import { createAdapter } from '../adapters';
import { EXIT_OK, EXIT_USER_ERROR } from '../failure';
import { plural } from '../plural';
import { CANCEL_SIGNALS } from './cancel-signals';
import { defineCommand, type CommandContext } from './command';
import {
  compileWithWarnings,
  hasSelectionFlags,
  loadProjectOptions,
  manifestWithWarnings,
  selectInDagOrder,
  type ManifestView,
} from './core-options';
import { targetLine } from './target-summary';

interface DocsFlags {
  emptyCatalog: boolean;
  compile: boolean;
  static: boolean;
  port?: number;
  host: string;
}

/**
 * `tsmodel docs generate`: compiles (manifest.json, `doc()` blocks resolved), reads the
 * warehouse's catalog for the schemas the selected nodes live in, writes
 * `target/catalog.json` in dbt's format, `target/column_lineage.json`, and the docs site
 * (`target/index.html` and `target/docs-site/`; `--static`: also one self-contained
 * `target/static_index.html`). `--empty-catalog` writes a catalog without connecting;
 * `--no-compile` writes no manifest or compiled SQL. `tsmodel docs serve` serves the site.
 */
export const docsCommand = defineCommand<DocsFlags>({
  name: 'docs',
  describe:
    'Docs: `docs generate` writes the catalog, column lineage and site; `docs serve` serves it',
  flagGroups: ['project', 'selection'],
  positionals: { action: { description: 'generate or serve' } },
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
    static: {
      type: 'boolean',
      default: false,
      description:
        'generate: also write target/static_index.html, the whole site in one file (opens from file://)',
    },
    port: {
      type: 'number',
      description: 'serve: the port to listen on (default 8080; 0 picks a free one)',
      coerce: portNumber,
    },
    host: {
      type: 'string',
      default: '127.0.0.1',
      description:
        'serve: the address to listen on (loopback by default; 0.0.0.0 exposes the site)',
    },
  },
  async run(ctx) {
    const { flags, reporter } = ctx;
    const { TsmodelError } = await import('@tsmodel/core');
    const action = (flags as { action?: string }).action;
    if (action === 'serve') return serve(ctx);
    if (action !== 'generate') {
      throw new TsmodelError({
        code: 'docs-action',
        message:
          action === undefined
            ? '`tsmodel docs` needs an action'
            : `unknown docs action '${action}'`,
        hint: 'run `tsmodel docs generate`, then `tsmodel docs serve`',
      });
    }
    // The catalog and column lineage are read and computed while the compiled files are
    // written. An unchanged project reuses target/'s manifest, as `compile` does: the catalog,
    // lineage and site then describe that manifest, under its invocation id.
    let described: Described | undefined;
    const describe = async (view: ManifestView) => {
      described = await describeProject(ctx, view);
    };
    const compiled = flags.compile
      ? await manifestWithWarnings(ctx, true, describe)
      : await compileWithWarnings(ctx, false, describe);
    const { catalog, schemas, lineage } = described!;
    const core = await import('@tsmodel/core');
    const root = compiled.project.root;
    const targetDir = resolve(root.rootDir, root.targetPath);
    const file = await core.writeCatalog(targetDir, catalog, ctx.secrets);
    // dbt's docs generate writes run_results.json too (no node runs): tools read both.
    await core.writeRunResults(
      targetDir,
      core.runResultsArtifact({
        results: [],
        elapsed: 0,
        invocationId: compiled.manifest.metadata.invocation_id,
        args: { which: 'generate' },
      }),
      ctx.secrets,
    );
    const lineageFile = await core.writeColumnLineage(targetDir, lineage);
    reporter.info('column-lineage-written', `Wrote ${lineageFile}`, {
      models: Object.keys(lineage.nodes).length,
    });
    const site = await core.generateDocsSite({
      targetDir,
      manifest: compiled.manifest,
      catalog,
      lineage: lineage.nodes,
      static: flags.static,
    });
    reporter.info('docs-site-written', `Wrote the docs site: ${site.index}`, {
      pages: site.pages,
      shards: site.shards,
    });
    if (site.staticFile) reporter.info('docs-static-written', `Wrote ${site.staticFile}`, {});
    const nodes = Object.keys(catalog.nodes).length;
    const sources = Object.keys(catalog.sources).length;
    for (const error of catalog.errors ?? []) reporter.error('catalog-error', error);
    reporter.info(
      'catalog-written',
      `Wrote ${file}: ${plural(nodes, 'node')} and ${plural(sources, 'source')} from ${plural(schemas, 'schema')}`,
      { nodes, sources, schemas, errors: catalog.errors?.length ?? 0 },
    );
    return catalog.errors ? EXIT_USER_ERROR : EXIT_OK;
  },
});

type Core = typeof import('@tsmodel/core');

/** What `docs generate` learns of a compiled project before it writes anything of its own. */
interface Described {
  catalog: Awaited<ReturnType<Core['readCatalog']>>['artifact'];
  schemas: number;
  lineage: Awaited<ReturnType<Core['columnLineageArtifact']>>;
}

/**
 * The warehouse's catalog of the selected nodes' schemas (none with `--empty-catalog`, which
 * never connects), then the column lineage of the whole project, `select *` expanded from it.
 */
async function describeProject(
  ctx: CommandContext<DocsFlags>,
  view: ManifestView,
): Promise<Described> {
  const core = await import('@tsmodel/core');
  const { reporter, io, flags } = ctx;
  const root = view.project.root;
  const invocationId = view.manifest.metadata.invocation_id;
  const selected = hasSelectionFlags(ctx) ? new Set(await selectInDagOrder(ctx, view)) : undefined;
  let adapter: Awaited<ReturnType<typeof createAdapter>> | undefined;
  if (!flags.emptyCatalog) {
    reporter.info('target', targetLine(view.profile, io.cwd));
    adapter = await createAdapter(view.profile.target, { projectRoot: root.rootDir, invocationId });
  }
  let read: Awaited<ReturnType<Core['readCatalog']>>;
  try {
    read = await core.readCatalog({
      manifest: view.manifest,
      ...(adapter ? { adapter } : {}),
      ...(selected ? { selected } : {}),
      invocationId,
      env: io.env,
      onSchema: (s) =>
        reporter.debug('catalog-schema', `Reading the catalog of schema ${s.schema}`, {
          schema: s.schema,
        }),
    });
  } finally {
    await adapter?.close();
  }
  const targetDir = resolve(root.rootDir, root.targetPath);
  const lineage = await core.columnLineageArtifact(
    view.manifest,
    read.artifact,
    new Date(),
    await core.readPreviousLineage(targetDir),
  );
  return { catalog: read.artifact, schemas: read.schemas, lineage };
}

const DEFAULT_PORT = 8080;

function portNumber(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`--port must be a whole number from 0 to 65535, got ${String(value)}`);
  return value;
}

/** `tsmodel docs serve`: serves the target directory until a signal stops it. */
async function serve(ctx: CommandContext<DocsFlags>): Promise<number> {
  const { loadProject, serveDocsSite } = await import('@tsmodel/core');
  const project = loadProject(loadProjectOptions(ctx));
  const site = await serveDocsSite({
    targetDir: resolve(project.root.rootDir, project.root.targetPath),
    host: ctx.flags.host,
    port: ctx.flags.port ?? DEFAULT_PORT,
  });
  // Listening before the URL is printed: whoever reads it may stop the server right away.
  const stopped = new Promise<void>((done) => {
    const stop = () => {
      for (const signal of CANCEL_SIGNALS) process.off(signal, stop);
      done();
    };
    for (const signal of CANCEL_SIGNALS) process.on(signal, stop);
  });
  ctx.reporter.info('docs-serving', `Serving the docs site at ${site.url} (Ctrl-C stops it)`, {
    url: site.url,
  });
  await stopped;
  await site.close();
  return EXIT_OK;
}
