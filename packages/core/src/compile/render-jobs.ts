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
      return engine.render(job.target, job.text, { isIncremental: false, execute: false });
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
