import type { NodeConfig } from '../manifest/types';
import { parseHook } from '../project/hook-config';
import { emptyCapture, refCallKey, type RenderCapture } from '../templating/render-capture';
import type { RenderTarget, TemplateEngine } from '../templating/template-engine';

const MENTIONS_RELATION = /\b(ref|source)\s*\(/;

/**
 * A node's capture with the `ref()` / `source()` calls of its hooks added, so a hook that
 * reads another model makes the node depend on it, as in dbt. Only hooks that mention ref or
 * source are rendered (offline, like the node's own parse render); one that fails to render
 * here fails with its located error when it runs. Returns `capture` itself when nothing is
 * added, and never modifies it (the parse cache holds it).
 */
export function withHookDependencies(
  engine: TemplateEngine,
  target: RenderTarget,
  config: NodeConfig,
  capture: RenderCapture | undefined,
): RenderCapture | undefined {
  const hooks = [...(config.pre_hook ?? []), ...(config.post_hook ?? [])].filter((h) =>
    MENTIONS_RELATION.test(h),
  );
  if (hooks.length === 0) return capture;
  const merged = capture
    ? { ...capture, refs: [...capture.refs], sources: [...capture.sources] }
    : emptyCapture();
  for (const hook of hooks) {
    let found: RenderCapture;
    try {
      found = engine.render(target, parseHook(hook).sql, {
        isIncremental: false,
        execute: false,
      }).capture;
    } catch {
      continue;
    }
    for (const r of found.refs)
      if (!merged.refs.some((m) => refCallKey(m) === refCallKey(r))) merged.refs.push(r);
    for (const s of found.sources)
      if (!merged.sources.some((m) => m.source === s.source && m.table === s.table))
        merged.sources.push(s);
  }
  return merged;
}
