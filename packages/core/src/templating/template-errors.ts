import { TsmodelError, lineOf } from '../diagnostics';

/** Thrown by `{{ return(x) }}` and caught by the macro wrapper that called the macro. */
export class MacroReturn {
  constructor(readonly value: unknown) {}
}

interface NunjucksError extends Error {
  lineno?: number;
  colno?: number;
  cause?: unknown;
}

/**
 * Turns whatever a render threw into a located TsmodelError (`models/a.sql:3:14 …` plus the
 * offending line), the thing dbt users miss most in Jinja errors (dbt#4596, #8023, #10856).
 * nunjucks reports parse errors 1-based and render errors 0-based; render errors carry the
 * original error as `cause`, which is how the two are told apart.
 */
export function toTemplateError(
  err: unknown,
  file: string,
  source: string,
  node: string | undefined,
): TsmodelError {
  const e = err as NunjucksError;
  const inner = e?.cause ?? err;
  const isRender = e?.cause !== undefined;
  const line = e?.lineno === undefined ? undefined : e.lineno + (isRender ? 1 : 0);
  const column = e?.colno === undefined ? undefined : e.colno + (isRender ? 1 : 0);
  const location = { file, line, column };
  const excerpt = line === undefined ? undefined : lineOf(source, line);
  if (inner instanceof TsmodelError) {
    return new TsmodelError({
      code: inner.code,
      message: inner.message,
      hint: inner.hint,
      node: inner.node ?? node,
      location: inner.location ?? location,
      excerpt: inner.excerpt ?? excerpt,
      kind: inner.kind,
    });
  }
  const raw = inner instanceof Error ? inner.message : String(inner);
  const message = cleanMessage(raw);
  return new TsmodelError({
    code: isRender ? 'template-render' : 'template-syntax',
    message: `${isRender ? 'template error' : 'template syntax error'}: ${message}`,
    hint: hintFor(message),
    node,
    location,
    excerpt,
  });
}

function cleanMessage(message: string): string {
  return message
    .replace(/^\([^)]*\)\s*(\[Line \d+, Column \d+\])?\s*/s, '')
    .replace(/^(Template render error|Error):\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function hintFor(message: string): string | undefined {
  const call = /Unable to call `([^`]+)`/.exec(message);
  if (call)
    return `'${call[1]}' is not a macro or function here — check the spelling, or define it in macros/`;
  if (/unknown block tag: (\w+)/.test(message))
    return 'that tag is not supported; tsmodel supports Jinja tags if/for/set/macro/call/filter/do/test';
  if (/expected (variable end|block end)/.test(message))
    return 'a {{ … }} or {% … %} is not closed';
  return undefined;
}
