/**
 * Translating flags into core's option objects, in one place so every command that compiles or
 * selects reads `--project-dir`, `--vars`, `--select`, … the same way.
 */
import { resolve } from 'node:path';
import type {
  compileManifest,
  compileProject,
  loadProject,
  PreviousState,
  selectNodes,
  TsmodelError,
} from '@tsmodel/core';
import { plural } from '../plural';
import type { CommandContext } from './command';
import { collectSecrets } from '@tsmodel/core/secrets';
import { readSources, readState } from './state';
import { applyProjectFlags } from '../env-flags';
import { adapterRegistry } from '../adapters';

type CompileOptions = Parameters<typeof compileProject>[0];
type CompileResult = Awaited<ReturnType<typeof compileProject>>;
export type ManifestView = Awaited<ReturnType<typeof compileManifest>>;
type SelectOptions = Parameters<typeof selectNodes>[2];

/** Options for `compileProject`; relative directories resolve against the CLI's cwd. */
export async function compileOptions(
  ctx: CommandContext,
  writeArtifacts: CompileOptions['writeArtifacts'],
): Promise<CompileOptions> {
  const { flags, io } = ctx;
  return {
    projectDir: ctx.projectDir,
    adapters: await adapterRegistry(),
    ...(flags.profilesDir !== undefined ? { profilesDir: resolve(io.cwd, flags.profilesDir) } : {}),
    ...(flags.target !== undefined ? { target: flags.target } : {}),
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
    ...(flags.vars !== undefined ? { vars: flags.vars } : {}),
    ...(flags.targetPath !== undefined ? { targetPath: flags.targetPath } : {}),
    ...(flags.versionCheck !== undefined ? { versionCheck: flags.versionCheck } : {}),
    ...(flags.partialParse !== undefined ? { useCache: flags.partialParse } : {}),
    ...(flags.empty ? { empty: true } : {}),
    env: io.env,
    writeArtifacts,
  };
}

/** Options for `loadProject` from the project flags, for commands that read the project only. */
export function loadProjectOptions(ctx: CommandContext): Parameters<typeof loadProject>[0] {
  const { flags } = ctx;
  return {
    projectDir: ctx.projectDir,
    ...(flags.vars !== undefined ? { cliVars: flags.vars } : {}),
    ...(flags.targetPath !== undefined ? { targetPath: flags.targetPath } : {}),
    ...(flags.versionCheck !== undefined ? { versionCheck: flags.versionCheck } : {}),
    env: ctx.io.env,
  };
}

/** Whether the user narrowed the selection at all (otherwise a command acts on everything). */
export function hasSelectionFlags(ctx: CommandContext): boolean {
  const { select, exclude, selector } = ctx.flags;
  return (select?.length ?? 0) > 0 || (exclude?.length ?? 0) > 0 || selector !== undefined;
}

/**
 * Prints warnings as `--warn-error`/`--warn-error-options` say: as warnings, as errors (then
 * the command fails once all are printed) or not at all.
 */
async function reportWarnings(ctx: CommandContext, warnings: TsmodelError[]): Promise<void> {
  const { TsmodelError, warnErrorPolicy } = await import('@tsmodel/core');
  const policy = warnErrorPolicy(ctx.flags.warnError, ctx.flags.warnErrorOptions);
  let errors = 0;
  for (const warning of warnings) {
    const level = policy.levelOf(warning.code);
    if (level === 'silence') continue;
    if (level === 'error') errors++;
    ctx.reporter.problem(level, warning);
  }
  if (errors > 0)
    throw new TsmodelError({
      code: 'warn-error',
      message: `${plural(errors, 'warning')} treated as ${errors === 1 ? 'an error' : 'errors'} (--warn-error)`,
      hint: `fix ${errors === 1 ? 'it' : 'them'}, or keep some as warnings with --warn-error-options '{"error": "all", "warn": ["<code>"]}'`,
    });
}

/** Fails on a malformed --warn-error-options before any work, not after a compile. */
async function checkWarnErrorFlags(ctx: CommandContext): Promise<void> {
  const { warnErrorPolicy } = await import('@tsmodel/core');
  warnErrorPolicy(ctx.flags.warnError, ctx.flags.warnErrorOptions);
}

/**
 * Work a command does on the compiled project while its files are written (see
 * `CompileOptions.whileWriting`); it starts once the compile's secrets, project flags and
 * warnings are taken in, as after the compile.
 */
export type WhileWriting = (compiled: ManifestView) => Promise<void>;

/** Compiles, prints compile warnings, and returns the result. */
export async function compileWithWarnings(
  ctx: CommandContext,
  writeArtifacts: CompileOptions['writeArtifacts'],
  whileWriting?: WhileWriting,
): Promise<CompileResult> {
  await checkWarnErrorFlags(ctx);
  const { compileProject } = await import('@tsmodel/core');
  const accept = acceptOnce(ctx);
  const result = await compileProject({
    ...(await compileOptions(ctx, writeArtifacts)),
    ...(whileWriting ? { whileWriting: async (c) => whileWriting(await accept(c)) } : {}),
  });
  await accept(result);
  return result;
}

/**
 * Like `compileWithWarnings` for commands that only read the manifest (`compile`, `ls`,
 * `parse`, `docs generate`): an unchanged project reuses target/'s manifest instead of
 * compiling again.
 */
export async function manifestWithWarnings(
  ctx: CommandContext,
  writeArtifacts: true | 'manifest',
  whileWriting?: WhileWriting,
): Promise<ManifestView> {
  await checkWarnErrorFlags(ctx);
  const { compileManifest } = await import('@tsmodel/core');
  const accept = acceptOnce(ctx);
  const result = await compileManifest({
    ...(await compileOptions(ctx, writeArtifacts)),
    ...(whileWriting ? { whileWriting: async (c) => whileWriting(await accept(c)) } : {}),
  });
  await accept(result);
  return result;
}

/**
 * What every command does with a compile before it goes on: the target's secrets join the
 * redactor (before anything is printed), the project file's flags apply, and the warnings are
 * printed. Once per compile, whether `whileWriting` or the compile's end gets there first.
 */
function acceptOnce(ctx: CommandContext): <T extends ManifestView>(compiled: T) => Promise<T> {
  let accepted: Promise<void> | undefined;
  return async (compiled) => {
    accepted ??= (async () => {
      ctx.secrets.add(collectSecrets(compiled.profile.target, ctx.io.env));
      applyProjectFlags(ctx.flags, ctx.explicitFlags, compiled.project.root.flags);
      await reportWarnings(ctx, compiled.warnings);
    })();
    await accepted;
    return compiled;
  };
}

/**
 * Applies `--select/--exclude/--selector/--indirect-selection/--state` to a compiled project and
 * returns the selected unique ids in DAG order (parents before children).
 */
export async function selectInDagOrder(
  ctx: CommandContext,
  compiled: ManifestView,
): Promise<string[]> {
  const { selectNodes } = await import('@tsmodel/core');
  const { flags } = ctx;
  const options: SelectOptions = {
    rootProject: compiled.project.root.name,
    selectors: compiled.project.selectors,
    ...(flags.select ? { select: flags.select } : {}),
    ...(flags.exclude ? { exclude: flags.exclude } : {}),
    ...(flags.selector !== undefined ? { selector: flags.selector } : {}),
    ...(flags.indirectSelection !== undefined
      ? { indirectSelection: flags.indirectSelection }
      : {}),
    ...(flags.state !== undefined
      ? {
          state: await withCurrentSources(
            await readState(resolve(ctx.io.cwd, flags.state)),
            compiled,
          ),
        }
      : {}),
  };
  const { selected, warnings } = selectNodes(compiled.manifest, compiled.graph, options);
  await reportWarnings(ctx, warnings);
  const ordered = compiled.graph.topologicalOrder().filter((id) => selected.has(id));
  const inGraph = new Set(ordered);
  return [...ordered, ...[...selected].filter((id) => !inGraph.has(id)).sort()];
}

/** Adds this target's sources.json (for `source_status:`) to the `--state` run's artifacts. */
async function withCurrentSources(
  state: PreviousState,
  compiled: ManifestView,
): Promise<PreviousState> {
  const root = compiled.project.root;
  const current = await readSources(resolve(root.rootDir, root.targetPath));
  return current ? { ...state, currentSources: current } : state;
}
