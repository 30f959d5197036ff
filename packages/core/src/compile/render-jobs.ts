import { TsmodelError } from '../diagnostics';
import type { RenderCapture } from '../templating/render-capture';
import type { RenderTarget, TemplateEngine } from '../templating/template-engine';

/** One template to render at compile time (a model, a singular test or a generic test). */
export interface RenderJob {
  /** Stable id across compiles: the parse-cache key. */
  fileId: string;
  /** Hash of the text and of the config it renders with. */
  key: string;
  target: RenderTarget;
  text: string;
}

export type RenderOutcome = { sql: string; capture: RenderCapture } | { error: TsmodelError };

/** Renders `jobs` in order on this thread; a failing template becomes an outcome, not a throw. */
export function renderOnThisThread(engine: TemplateEngine, jobs: RenderJob[]): RenderOutcome[] {
  return jobs.map((job) => {
    try {
      const outcome = engine.render(job.target, job.text, { isIncremental: false, execute: false });
      const twice = hookSpelledTwice(outcome.capture.configCalls);
      return twice ? { error: hookSpelledTwiceError(job.target, twice) } : outcome;
    } catch (err) {
      return {
        error:
          err instanceof TsmodelError
            ? err
            : new TsmodelError({
                code: 'internal',
                message: String(err),
                node: job.target.uniqueId,
                kind: 'internal',
              }),
      };
    }
  });
}

/** A hook a config() call names both ways (`pre_hook` and `pre-hook`), if one does. */
function hookSpelledTwice(calls: ReadonlyArray<Record<string, unknown>>): string | undefined {
  return ['pre_hook', 'post_hook'].find((hook) =>
    calls.some((c) => c[hook] !== undefined && c[hook.replace('_', '-')] !== undefined),
  );
}

/** dbt refuses such a call rather than pick one spelling's hooks. */
function hookSpelledTwiceError(target: RenderTarget, hook: string): TsmodelError {
  const dashed = hook.replace('_', '-');
  return new TsmodelError({
    code: 'duplicate-hook-config',
    message: `Compilation Error in ${target.uniqueId}: config() sets both ${hook} and ${dashed}, which are one config`,
    location: { file: target.file },
    node: target.uniqueId,
    hint: `keep one of ${hook} and ${dashed}, with every hook in its list`,
  });
}

/** An outcome as it crosses a worker boundary (errors lose their class on the way). */
export type SerializedOutcome =
  { sql: string; capture: RenderCapture } | { error: ReturnType<typeof serializeError> };

export function serializeError(err: TsmodelError) {
  return {
    code: err.code,
    message: err.message,
    location: err.location,
    node: err.node,
    hint: err.hint,
    excerpt: err.excerpt,
    kind: err.kind,
  };
}

export function deserializeOutcome(outcome: SerializedOutcome): RenderOutcome {
  return 'error' in outcome ? { error: new TsmodelError(outcome.error) } : outcome;
}
