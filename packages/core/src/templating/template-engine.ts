import nunjucks from 'nunjucks';
import type { TemplatingDialect } from '../adapter/dialect';
import type { TargetConfig, ProjectConfig } from '../project/types';
import { TsmodelError } from '../diagnostics';
import { createTemplateEnvironment } from './environment';
import { MacroRegistry, type MacroFile } from './macro-registry';
import { emptyCapture, type RenderCapture } from './render-capture';
import { toTemplateError } from './template-errors';
import { parseStaticTemplate, type StaticTemplate } from './static-template';
import { installContextGlobals, type RenderState } from './context-globals';
import { setInvocationFlags, watchFlagReads, type InvocationFlags } from './invocation-flags';
import type { JitRuntime } from './render-warehouse';
import { resultValues } from './result-values';
import { overrideMacros } from './macro-overrides';
import { utcDatetime } from './py-datetime';

/** Looks a var up with dbt's precedence for the package that is rendering. */
export type VarLookup = (
  name: string,
  packageName: string,
) => { found: true; value: unknown } | { found: false };

export interface TemplateEngineOptions {
  rootProject: string;
  target: TargetConfig;
  /** The adapter's dispatch order and quote character. */
  dialect: TemplatingDialect;
  vars: VarLookup;
  env: Record<string, string | undefined>;
  dispatch: ProjectConfig['dispatch'];
  invocationId: string;
  runStartedAt: Date;
  /** dbt's `flags` as templates read them (`flags.FULL_REFRESH`); the runner sets its own. */
  flags?: Partial<InvocationFlags>;
  /** The project's `quoting:`, which relations built in templates follow too. */
  quoting?: ProjectConfig['quoting'];
}

/** The node a template renders for: enough to answer `this`, `model`, `config.get`. */
export interface RenderTarget {
  uniqueId: string;
  name: string;
  packageName: string;
  resourceType: string;
  /** Path shown in errors, e.g. `models/staging/a.sql`. */
  file: string;
  /** Config from project.yml folders and YAML, before the file's own `config()` calls. */
  baseConfig: Record<string, unknown>;
  /** A versioned model's `v` (`model.version`, and its default alias `<name>_v<v>`). */
  version?: string | number;
}

export interface RenderOptions {
  /** `is_incremental()`; false when compiling the full-build SQL. */
  isIncremental: boolean;
  /** dbt's `execute`: false while parsing/compiling offline, true when running. */
  execute: boolean;
  /** The live warehouse of a just-in-time render (run time); absent while parsing. */
  jit?: JitRuntime;
  /** A unit test's `overrides:`: what this render sees instead of the project's values. */
  overrides?: RenderOverrides;
  /** The batch a microbatch model renders for: dbt 1.9's `model.batch`. */
  batch?: { id: string; start: Date; end: Date };
}

/** Values a unit test puts in place of vars, env vars and macros for one render. */
export interface RenderOverrides {
  vars?: Readonly<Record<string, unknown>>;
  envVars?: Readonly<Record<string, string>>;
  /** Macro (or `package.macro`) name → the value a call returns. */
  macros?: Readonly<Record<string, unknown>>;
}

export interface RenderResult {
  sql: string;
  capture: RenderCapture;
}

/**
 * Renders model, test, hook and macro templates with one shared nunjucks Environment.
 * Rendering is synchronous, so the per-node names (`ref`, `this`, `config`, …) are globals that
 * read `state` — set for the duration of one render — instead of a context object built per
 * render or per macro call (dbt spends 40% of parse time building those, dbt#8898).
 */
export class TemplateEngine {
  readonly env: nunjucks.Environment;
  readonly macros: MacroRegistry;
  private readonly state: RenderState;
  private readonly templates = new Map<string, nunjucks.Template>();
  private readonly staticTemplates = new Map<string, StaticTemplate | undefined>();

  constructor(readonly options: TemplateEngineOptions) {
    this.env = createTemplateEnvironment();
    this.state = { current: undefined, options, graph: undefined };
    this.macros = new MacroRegistry(this.env, options.rootProject, (name) => {
      const cur = this.state.current;
      if (cur && !cur.macroSet.has(name)) {
        cur.macroSet.add(name);
        cur.capture.macros.push(name);
      }
    });
    installContextGlobals(
      this.env,
      this.state,
      this.macros,
      resultValues(options.dialect, (text) => {
        // agate's print_table writes to stdout: dbt shows it on the terminal.
        this.state.current?.capture.logs.push(text);
        this.state.current?.jit?.warehouse.log?.(text, true);
      }),
    );
    setInvocationFlags(this.env, options.flags);
    watchFlagReads(this.env, () => {
      const cur = this.state.current;
      if (cur && !cur.execute) cur.capture.introspective = true;
    });
  }

  /**
   * Gives run-time renders dbt's `graph` (see `flatGraph`); called once the manifest is
   * compiled. `graph` is read lazily: a project whose templates never read it never builds it.
   */
  provideGraph(graph: () => unknown): void {
    this.state.graph = graph;
  }

  /** Registers every macro file; problems are returned so all files get checked. */
  loadMacros(files: MacroFile[]): TsmodelError[] {
    return this.macros.load(files);
  }

  /**
   * Renders `source` for `target`. Throws a located TsmodelError on any template problem.
   * `cacheKey` lets run-time re-renders reuse the compiled template.
   */
  render(
    target: RenderTarget,
    source: string,
    options: RenderOptions,
    cacheKey?: string,
  ): RenderResult {
    const previous = this.state.current;
    this.env.addGlobal('model', modelView(target, options.batch));
    const text = asJinjaSource(source);
    const macros = options.overrides?.macros;
    const restore =
      macros && Object.keys(macros).length > 0
        ? overrideMacros(this.env.globals as Record<string, unknown>, macros)
        : undefined;
    try {
      const fast = this.staticTemplate(text, cacheKey);
      if (fast) {
        const capture = this.begin(target, options);
        try {
          return { sql: fast.render(this.env.globals), capture };
        } catch {
          // Render again with nunjucks, which reports the problem with its line and column.
        }
      }
      const capture = this.begin(target, options);
      const template = this.template(text, target.file, cacheKey);
      return { sql: template.render({}), capture };
    } catch (err) {
      throw toTemplateError(err, target.file, source, target.uniqueId);
    } finally {
      restore?.();
      this.state.current = previous;
    }
  }

  /** Starts a render of `target`: a fresh capture the globals write into. */
  private begin(target: RenderTarget, options: RenderOptions): RenderCapture {
    const capture = emptyCapture();
    this.state.current = {
      target,
      capture,
      macroSet: new Set(),
      configSoFar: { ...target.baseConfig },
      isIncremental: options.isIncremental,
      execute: options.execute,
      jit: options.jit,
      results: new Map(),
      overrides: options.overrides,
    };
    return capture;
  }

  /**
   * True when `source` renders on the fast path (no nunjucks compile); such templates are not
   * worth shipping to a worker thread.
   */
  isStatic(source: string): boolean {
    // Keyed as render() keys it, so the template parsed here is the one it renders.
    return this.staticTemplate(asJinjaSource(source), undefined) !== undefined;
  }

  /** Parsed once per cache key, or per text when there is none. */
  private staticTemplate(source: string, cacheKey: string | undefined): StaticTemplate | undefined {
    const key = cacheKey ?? source;
    if (!this.staticTemplates.has(key)) this.staticTemplates.set(key, parseStaticTemplate(source));
    return this.staticTemplates.get(key);
  }

  /**
   * Calls a macro as if from `target`'s template, e.g. a project's `generate_schema_name`
   * override. Returns what the macro returned (its text, or the value of `return()`).
   */
  callMacro(target: RenderTarget, fn: (...args: unknown[]) => unknown, args: unknown[]): unknown {
    const capture = emptyCapture();
    const previous = this.state.current;
    this.state.current = {
      target,
      capture,
      macroSet: new Set(),
      configSoFar: { ...target.baseConfig },
      isIncremental: false,
      execute: false,
      jit: undefined,
      results: new Map(),
      overrides: undefined,
    };
    try {
      return fn(...args);
    } catch (err) {
      throw toTemplateError(err, target.file, '', target.uniqueId);
    } finally {
      this.state.current = previous;
    }
  }

  private template(source: string, file: string, cacheKey: string | undefined): nunjucks.Template {
    if (cacheKey === undefined) return new nunjucks.Template(source, this.env, file, true);
    let t = this.templates.get(cacheKey);
    if (!t) this.templates.set(cacheKey, (t = new nunjucks.Template(source, this.env, file, true)));
    return t;
  }
}

/**
 * The template text as Jinja's lexer reads it: newlines normalized to `\n` and the final newline
 * dropped (dbt leaves Jinja's `keep_trailing_newline` off, so compiled SQL ends without one).
 */
function asJinjaSource(source: string): string {
  const s = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

function modelView(target: RenderTarget, batch: RenderOptions['batch']): Record<string, unknown> {
  return {
    // dbt 1.9: the batch being built, in the model's SQL and hooks; None everywhere else.
    batch: batch
      ? {
          id: batch.id,
          event_time_start: utcDatetime(batch.start),
          event_time_end: utcDatetime(batch.end),
        }
      : null,
    unique_id: target.uniqueId,
    name: target.name,
    package_name: target.packageName,
    resource_type: target.resourceType,
    original_file_path: target.file,
    config: target.baseConfig,
    ...(target.version !== undefined ? { version: target.version } : {}),
  };
}
