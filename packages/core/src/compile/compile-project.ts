import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CompileErrors, TsmodelError } from '../diagnostics';
import type { Graph } from '../graph/graph';
import type { Manifest, RelationName } from '../manifest/types';
import { loadProject } from '../project/load-project';
import { resolveProfile } from '../project/resolve-profile';
import type { LoadedProject, ResolvedProfile } from '../project/types';
import type { TemplateEngine } from '../templating/template-engine';
import { discoverProjectFiles } from './discover';
import { setUpEngine } from './engine-setup';
import { renderInParallel } from './render-pool';
import { ParseCache } from './parse-cache';
import { buildManifest } from './build-manifest';
import { writeArtifacts } from './artifacts';
import type { DiscoveredFile } from './discover';
import {
  dropFingerprint,
  projectFingerprint,
  reuseManifest,
  saveFingerprint,
} from './manifest-reuse';
import type { AdHocRender } from './ad-hoc-render';
import { TSMODEL_VERSION } from './version';
import { relationRendererFor, templatingDialectOf } from './relation-rendering';
import type { AdapterRegistry } from '../adapter/registry';
import { publicTarget } from '../secrets';
import type { RunRender } from './jit-renderer';
import type { UnitTestRender } from './unit-test-renderer';
import { digest, envDigest } from '../secret-digest';

export interface CompileOptions {
  /** Directory holding project.yml (`--project-dir`). */
  projectDir: string;
  profilesDir?: string;
  /** `--target`. */
  target?: string;
  /** `--vars`, YAML or JSON. */
  vars?: string;
  /** `--target-path`; see `LoadProjectOptions.targetPath`. */
  targetPath?: string;
  env?: Record<string, string | undefined>;
  /**
   * `true`: write `target/compiled/**` and `target/manifest.json`; `'manifest'`: only the
   * manifest (dbt's `parse`); `false`: nothing but the parse cache.
   */
  writeArtifacts: boolean | 'manifest';
  /**
   * Use and refresh the parse cache in `target/` (`--partial-parse`); unset, the project
   * file's `flags: {partial_parse: …}`, else true.
   */
  useCache?: boolean;
  /** `--profile`: the profiles.yml profile to use instead of the project file's. */
  profile?: string;
  /** `--[no-]version-check`; see `LoadProjectOptions.versionCheck`. */
  versionCheck?: boolean;
  /**
   * `--empty`: refs and sources read zero rows. Its manifest is never reused, and it leaves no
   * fingerprint, so the next ordinary compile renders real SQL again.
   */
  empty?: boolean;
  /**
   * The adapters to compile with: the target type's plugin gives the dialect relations render
   * in and what templates quote and dispatch with. Without it (core's own tests), names render
   * SQL-standard and `adapter.dispatch` tries only the type itself.
   */
  adapters?: AdapterRegistry;
  invocationId?: string;
  runStartedAt?: Date;
  /**
   * Work on the compiled project that needs none of its files on disk (`docs generate` reads
   * the catalog and computes column lineage here). It runs while the compiled files are
   * written on another core, a wait that otherwise leaves this thread idle (half a second in a
   * cold compile of 10,000 models), and on a reused manifest too. The compile settles once
   * both have; an error of either fails it, after the other settled.
   */
  whileWriting?: (compiled: ManifestView) => Promise<void>;
}

export interface CompileResult {
  project: LoadedProject;
  profile: ResolvedProfile;
  manifest: Manifest;
  graph: Graph;
  /** The engine that rendered the project; `run` re-renders incremental models with it. */
  engine: TemplateEngine;
  /**
   * A node's SQL rendered at run time with `execute = true` and the live warehouse (incremental
   * models whose table exists, and introspective nodes); see `renderJustInTime`.
   */
  renderForRun: RunRender;
  /** A unit test's model SQL at run time, its inputs replaced by fixtures; see `unitTestRenderer`. */
  renderUnitTest: UnitTestRender;
  /** Nodes whose parse render read `execute` or the warehouse: their compiled SQL is a fallback. */
  introspective: ReadonlySet<string>;
  /**
   * Nodes whose parse render logged (`log()`, `print()`, `print_table()`): rendered again when
   * they run, so their lines show then, as dbt's execution render shows them (parse-time lines
   * are not printed).
   */
  logging: ReadonlySet<string>;
  /**
   * Nodes whose parse render read `this` or called `is_incremental()`, in their template or in
   * a macro they called (dbt's `has_this`): a microbatch model among them builds its batches
   * one after another unless `concurrent_batches` says otherwise.
   */
  selfReferencing: ReadonlySet<string>;
  /**
   * Renders SQL that is not a project file (hooks, `show --inline`) at run time: refs resolve
   * against the whole project and `this` names `options.node` when given.
   */
  renderAdHoc: AdHocRender;
  /**
   * Points nodes at other relations and finalizes every node's SQL again: `--defer` makes
   * unselected parents read the `--state` run's relations (see `deferredRelations`).
   */
  relocate(relations: ReadonlyMap<string, RelationName>): void;
  warnings: TsmodelError[];
  /** `phases`: milliseconds per compile phase, for `--debug` and the benchmark. */
  stats: {
    nodes: number;
    cacheHits: number;
    rendered: number;
    ms: number;
    phases: Record<string, number>;
  };
}

/**
 * Compiles a project offline: no warehouse connection, ever (dbt's `compile` needs one, a top
 * complaint). `is_incremental()` is false here; `run` re-renders incremental models when the
 * target table exists. Every problem in every file is collected and thrown together.
 */
export async function compileProject(options: CompileOptions): Promise<CompileResult> {
  return compileLoaded(options, await loadAndDiscover(options));
}

/**
 * The parts of a compile that describe the project, for commands that render nothing
 * themselves (`compile`, `ls`, `parse`): when nothing a compile reads has changed since the
 * last one, the manifest in target/ is reused (see manifest-reuse.ts); otherwise this compiles.
 */
export type ManifestView = Pick<
  CompileResult,
  'project' | 'profile' | 'manifest' | 'graph' | 'warnings' | 'stats' | 'introspective'
>;

export async function compileManifest(options: CompileOptions): Promise<ManifestView> {
  const loaded = await loadAndDiscover(options);
  const { project, profile, files, env, started, phases } = loaded;
  if (useCacheFor(options, project) && options.writeArtifacts && options.empty !== true) {
    const reused = await reuseManifest({
      targetDir: targetDirOf(project),
      project,
      profile,
      files,
      env,
      needs: options.writeArtifacts === true ? 'all' : 'manifest',
    });
    if (reused) {
      const nodes = reused.nodeCount;
      phases.reuse = Math.round(performance.now() - started - (phases.load_and_discover ?? 0));
      const stats = {
        nodes,
        cacheHits: nodes,
        rendered: 0,
        ms: performance.now() - started,
        phases,
      };
      const warnings = [...project.warnings, ...reused.warnings];
      // Getters, so the manifest is only read if the caller looks at it.
      const view: ManifestView = {
        project,
        profile,
        warnings,
        stats,
        introspective: reused.introspective,
        get manifest() {
          return reused.manifest;
        },
        get graph() {
          return reused.graph;
        },
      };
      await runWhileWriting(options, view);
      return view;
    }
  }
  return compileLoaded(options, loaded);
}

interface Loaded {
  project: LoadedProject;
  profile: ResolvedProfile;
  files: DiscoveredFile[];
  env: Record<string, string | undefined>;
  started: number;
  phases: Record<string, number>;
}

async function loadAndDiscover(options: CompileOptions): Promise<Loaded> {
  const started = performance.now();
  const env = options.env ?? process.env;
  const project = loadProject({
    projectDir: options.projectDir,
    cliVars: options.vars,
    targetPath: options.targetPath,
    env,
    ...(options.versionCheck !== undefined ? { versionCheck: options.versionCheck } : {}),
  });
  const profile = resolveProfile({
    project: project.root,
    profilesDir: options.profilesDir,
    target: options.target,
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    env,
  });
  const files = (
    await Promise.all([...project.projects.values()].map((p) => discoverProjectFiles(p)))
  ).flat();
  return {
    project,
    profile,
    files,
    env,
    started,
    phases: { load_and_discover: Math.round(performance.now() - started) },
  };
}

function useCacheFor(options: CompileOptions, project: LoadedProject): boolean {
  return options.useCache ?? project.root.flags.partial_parse !== false;
}

function targetDirOf(project: LoadedProject): string {
  return path.resolve(project.root.rootDir, project.root.targetPath);
}

async function compileLoaded(options: CompileOptions, loaded: Loaded): Promise<CompileResult> {
  const { project, profile, files, env, started, phases } = loaded;
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - mark);
    mark = now;
  };
  const target = profile.target;
  const show = (abs: string) => displayPath(project, abs);
  const invocationId = options.invocationId ?? randomUUID();
  const runStartedAt = options.runStartedAt ?? new Date();
  const plugin = await options.adapters?.plugin(target.type, project.root.rootDir);
  const templating = templatingDialectOf(target.type, plugin);
  const { engine, vars, macroProblems } = setUpEngine(
    project,
    profile,
    files.filter((f) => f.kind === 'macro'),
    show,
    { env, invocationId, runStartedAt, dialect: templating },
  );
  const problems: TsmodelError[] = [...macroProblems];
  const macroChecksums: Record<string, string> = {};
  for (const m of engine.macros.all()) macroChecksums[`${m.packageName}.${m.name}`] = m.checksum;

  const targetDir = targetDirOf(project);
  phase('macros');
  const cache = await ParseCache.open(
    targetDir,
    {
      global: `${TSMODEL_VERSION}|${target.type}`,
      varValue: (name, pkg) => {
        const v = vars.resolve(name, pkg);
        return v.found ? JSON.stringify(v.value ?? null) : null;
      },
      envValue: (name) => envDigest(env[name]),
      macroChecksums,
      targetFingerprint: digest(JSON.stringify(publicTarget(target))),
    },
    useCacheFor(options, project),
  );

  const renderRelation = relationRendererFor(plugin?.dialect);
  phase('cache_open');
  const built = await buildManifest({
    project,
    target,
    engine,
    files,
    cache,
    renderRelation,
    ...(plugin ? { dialect: plugin.dialect } : {}),
    emptyInputs: options.empty === true,
    displayPath: show,
    renderAll: (jobs) =>
      renderInParallel(engine, jobs, {
        projectDir: options.projectDir,
        cliVars: options.vars,
        targetPath: options.targetPath,
        profilesDir: options.profilesDir,
        target: options.target,
        ...(options.profile !== undefined ? { profile: options.profile } : {}),
        ...(options.versionCheck !== undefined ? { versionCheck: options.versionCheck } : {}),
        env,
        invocationId,
        runStartedAt: runStartedAt.getTime(),
        dialect: templating,
      }),
  });
  problems.push(...built.problems);
  if (problems.length > 0) throw new CompileErrors(problems);

  phase('build');
  const warnings = [...project.warnings, ...built.warnings];
  const manifest = built.manifest;
  manifest.metadata.invocation_id = invocationId;
  const stats = {
    nodes: Object.keys(manifest.nodes).length + Object.keys(manifest.sources).length,
    cacheHits: cache.hits,
    rendered: cache.misses,
    ms: performance.now() - started,
    phases,
  };
  // Until the new artifacts are all written, none may be reused (see manifest-reuse.ts).
  if (options.writeArtifacts) dropFingerprint(targetDir);
  const writes = [
    options.writeArtifacts
      ? writeArtifacts(
          targetDir,
          manifest,
          project.root.targetPath,
          options.writeArtifacts === true,
        )
      : undefined,
    options.useCache !== false ? cache.save() : undefined,
  ];
  const { introspective } = built;
  const view = { project, profile, manifest, graph: built.graph, warnings, stats, introspective };
  await allSettledThenThrow([...writes, runWhileWriting(options, view)]);
  // target/ now matches this compile exactly; record what it read so an unchanged project
  // can reuse it. Renders that read the clock make every compile different: never reused.
  if (options.writeArtifacts && !built.reads.volatile && options.empty !== true) {
    await saveFingerprint(targetDir, {
      fingerprint: projectFingerprint(project, profile, files, env, built.reads.envVars),
      artifacts: options.writeArtifacts === true ? 'all' : 'manifest',
      envVars: built.reads.envVars,
      nodeCount: Object.keys(manifest.nodes).length + Object.keys(manifest.sources).length,
      introspective: [...built.introspective],
      writtenAt: Date.now() - (performance.now() - started),
      warnings: built.warnings.map((w) => ({
        code: w.code,
        message: w.message,
        location: w.location,
        node: w.node,
        hint: w.hint,
        excerpt: w.excerpt,
      })),
    });
  } else {
    dropFingerprint(targetDir);
  }
  phase('write');
  return {
    project,
    profile,
    manifest,
    graph: built.graph,
    engine,
    renderForRun: built.renderForRun,
    renderUnitTest: built.renderUnitTest,
    introspective: built.introspective,
    logging: built.logging,
    selfReferencing: built.selfReferencing,
    renderAdHoc: built.renderAdHoc,
    relocate: built.relocate,
    warnings,
    stats: { ...stats, ms: performance.now() - started },
  };
}

/** `options.whileWriting`, its synchronous throw a rejection like any other error of it. */
async function runWhileWriting(options: CompileOptions, view: ManifestView): Promise<void> {
  await options.whileWriting?.(view);
}

/**
 * Waits for every promise, then throws the first rejection: a failure never leaves the others
 * running unwatched (a writer half-way through target/, an unhandled rejection).
 */
async function allSettledThenThrow(promises: Array<Promise<void> | undefined>): Promise<void> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Path shown to the user: relative to the root project, so it opens from where they run. */
function displayPath(project: LoadedProject, abs: string): string {
  return path.relative(project.root.rootDir, abs).split(path.sep).join('/');
}
