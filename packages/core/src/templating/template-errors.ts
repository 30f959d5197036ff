import { TsmodelError, lineOf } from '../diagnostics';
import { findUnclosedTag } from './unclosed-tag';
import { WarehouseSuspend } from './render-warehouse';
import { displayMarkers } from './relation-placeholder';

/** Thrown by `{{ return(x) }}` and caught by the macro wrapper that called the macro. */
export class MacroReturn {
  constructor(readonly value: unknown) {}
}

interface NunjucksError extends Error {
  lineno?: number;
  colno?: number;
  cause?: unknown;
}

/** The WarehouseSuspend a render threw, however nunjucks wrapped it. */
function suspendIn(err: unknown): WarehouseSuspend | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 10; depth++) {
    if (e instanceof WarehouseSuspend) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
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
  // Not an error: the render waits for the warehouse and is replayed (render-warehouse.ts).
  const suspend = suspendIn(err);
  if (suspend) throw suspend;
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
  const raw = displayMarkers(inner instanceof Error ? inner.message : String(inner));
  const message = cleanMessage(raw);
  const unclosed = UNCLOSED.test(message) ? findUnclosedTag(source) : undefined;
  if (unclosed) {
    return new TsmodelError({
      code: 'template-syntax',
      message: `template syntax error: ${unclosed.opened} is not closed (expected ${unclosed.expected})`,
      hint: `add ${unclosed.expected} where it should end`,
      node,
      location: { file, line: unclosed.line, column: unclosed.column },
      excerpt: lineOf(source, unclosed.line),
    });
  }
  return new TsmodelError({
    code: isRender ? 'template-render' : 'template-syntax',
    message: `${isRender ? 'template error' : 'template syntax error'}: ${message}`,
    hint: hintFor(message),
    node,
    location,
    excerpt,
  });
}

/** nunjucks' ways of saying the file ended inside something (or it cannot say where). */
const UNCLOSED = /expected (variable end|block end|end of comment)|got end of file/;

/** nunjucks' parser messages, in the words of the template rather than of its parser. */
const PARSER_WORDS: Array<[RegExp, string]> = [
  [
    /^parseSignature: expected comma after expression$/,
    'expected `,` or `)` in the arguments of a call',
  ],
  [
    /^parseAggregate: expected comma after expression$/,
    'expected `,` or a closing bracket in a list, tuple or dict',
  ],
  [/^unexpected token: (\S+)$/, 'unexpected `$1`: an expression is missing before it'],
  [/^expected symbol, got variable-end$/, 'expected a name (a filter, or a variable) before `}}`'],
];

function cleanMessage(message: string): string {
  const cleaned = message
    .replace(/^\([^)]*\)\s*(\[Line \d+, Column \d+\])?\s*/s, '')
    .replace(/^(Template render error|Error):\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [pattern, words] of PARSER_WORDS) {
    if (pattern.test(cleaned)) return cleaned.replace(pattern, words);
  }
  return cleaned.replace(/^parse\w+: /, '');
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
