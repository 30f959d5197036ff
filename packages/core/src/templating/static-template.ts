/**
 * A fast path for the templates most models are: SQL text with `{{ config(...) }}`,
 * `{{ ref('x') }}`, `{{ source('s', 't') }}`, `{{ var('v') }}`, `{{ this }}` and
 * `{% if is_incremental() %}…{% endif %}`, all with literal arguments. Such a template is
 * parsed here with a few regexes and evaluated by calling the very same globals nunjucks
 * would call, instead of paying nunjucks' lexer, parser, code generator and `new Function`
 * (about 100 µs a template — most of a cold compile). dbt does the same with its "static
 * parser". Anything else — a filter, a macro call, a loop, whitespace control — is not
 * recognised and the template goes to nunjucks, so the fast path never changes output.
 */

import { pyStr } from './py-values';

type Literal = string | number | boolean | null | Literal[];

/** `shared` marks a call with a list argument, which each evaluation must copy (see below). */
type Expr =
  | {
      kind: 'call';
      name: string;
      args: Literal[];
      kwargs: Record<string, Literal>;
      hasKwargs: boolean;
      hasLists: boolean;
    }
  | { kind: 'name'; name: string };

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'expr'; expr: Expr }
  | { kind: 'if'; negate: boolean; then: Part[]; else: Part[] };

/** Globals the fast path may call; any other name sends the template to nunjucks. */
const CALLABLE = new Set(['ref', 'source', 'var', 'config', 'is_incremental', 'env_var']);
const NAMES = new Set(['this']);

export interface StaticTemplate {
  render(globals: Record<string, unknown>): string;
}

/** The template as a static template, or undefined when it needs the full engine. */
export function parseStaticTemplate(source: string): StaticTemplate | undefined {
  const root: Part[] = [];
  const stack: Array<{ part: Extract<Part, { kind: 'if' }>; inElse: boolean }> = [];
  const out = () => {
    const top = stack[stack.length - 1];
    return top ? (top.inElse ? top.part.else : top.part.then) : root;
  };
  const tag = /\{\{|\{%|\{#/g;
  let pos = 0;
  for (let m = tag.exec(source); m; m = tag.exec(source)) {
    if (m.index > pos) out().push({ kind: 'text', text: source.slice(pos, m.index) });
    const close = m[0] === '{{' ? '}}' : m[0] === '{%' ? '%}' : '#}';
    const end = source.indexOf(close, m.index + 2);
    if (end < 0) return undefined;
    const inner = source.slice(m.index + 2, end);
    pos = tag.lastIndex = end + 2;
    // Whitespace control (`{%-`, `-#}`, …) trims the text around: nunjucks' job.
    if (inner.startsWith('-') || inner.endsWith('-')) return undefined;
    if (m[0] === '{#') continue;
    if (inner.includes('{') || inner.includes('}')) return undefined;
    if (m[0] === '{{') {
      const expr = cachedExpr(inner.trim());
      if (!expr) return undefined;
      out().push({ kind: 'expr', expr });
      continue;
    }
    const stmt = inner.trim();
    const ifMatch = /^if\s+(not\s+)?is_incremental\s*\(\s*\)$/.exec(stmt);
    if (ifMatch) {
      const part: Extract<Part, { kind: 'if' }> = {
        kind: 'if',
        negate: !!ifMatch[1],
        then: [],
        else: [],
      };
      out().push(part);
      stack.push({ part, inElse: false });
    } else if (stmt === 'else' && stack.length > 0 && !stack[stack.length - 1]!.inElse) {
      stack[stack.length - 1]!.inElse = true;
    } else if (stmt === 'endif' && stack.length > 0) {
      stack.pop();
    } else return undefined;
  }
  if (stack.length > 0) return undefined;
  if (pos < source.length) root.push({ kind: 'text', text: source.slice(pos) });
  return { render: (globals) => renderParts(root, globals) };
}

function renderParts(parts: Part[], globals: Record<string, unknown>): string {
  let output = '';
  for (const part of parts) {
    if (part.kind === 'text') output += part.text;
    else if (part.kind === 'expr') {
      const value = evaluate(part.expr, globals);
      // What nunjucks' (Pythonic) suppressValue prints: `None`, `True`, `['a']`, as Jinja does.
      output += pyStr(value);
    } else {
      const incremental = (globals.is_incremental as () => boolean)();
      output += renderParts(incremental !== part.negate ? part.then : part.else, globals);
    }
  }
  return output;
}

function evaluate(expr: Expr, globals: Record<string, unknown>): unknown {
  if (expr.kind === 'name') return globals[expr.name];
  const fn = globals[expr.name] as (...a: unknown[]) => unknown;
  // A parsed expression is shared by every template with the same text, so a list it holds
  // is copied: a callee keeping `tags=['a']` (config does) must not share it with other nodes.
  const args = expr.hasLists ? expr.args.map(copyLiteral) : expr.args;
  if (!expr.hasKwargs) return fn(...args);
  const kwargs: Record<string, unknown> = {};
  for (const key in expr.kwargs) {
    kwargs[key] = expr.hasLists ? copyLiteral(expr.kwargs[key]!) : expr.kwargs[key];
  }
  kwargs.__keywords = true;
  return fn(...args, kwargs);
}

function copyLiteral(value: Literal): Literal {
  return Array.isArray(value) ? value.map(copyLiteral) : value;
}

/**
 * Parsed `{{ … }}` expressions by their text: most models repeat the same few `config(…)` and
 * `var(…)` calls, so a project's templates parse each of those once. Bounded, so a long-lived
 * process that renders ever-new text does not grow it without end.
 */
const exprCache = new Map<string, Expr | null>();
const EXPR_CACHE_LIMIT = 50_000;

function cachedExpr(text: string): Expr | undefined {
  let expr = exprCache.get(text);
  if (expr === undefined) {
    if (exprCache.size >= EXPR_CACHE_LIMIT) exprCache.clear();
    expr = parseExpr(text) ?? null;
    exprCache.set(text, expr);
  }
  return expr ?? undefined;
}

const TOKEN = /\s*(?:('[^'\\\n]*'|"[^"\\\n]*")|(-?\d+(?:\.\d+)?)|([A-Za-z_]\w*)|([()[\],=]))/y;

/** `name(literal, …, key=literal, …)` or a bare allowed name; undefined for anything else. */
function parseExpr(text: string): Expr | undefined {
  const tokens: Array<{ t: 'str' | 'num' | 'id' | 'p'; v: string }> = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const m = TOKEN.exec(text);
    if (!m) return undefined;
    if (m[1] !== undefined) tokens.push({ t: 'str', v: m[1].slice(1, -1) });
    else if (m[2] !== undefined) tokens.push({ t: 'num', v: m[2] });
    else if (m[3] !== undefined) tokens.push({ t: 'id', v: m[3] });
    else if (m[4] !== undefined) tokens.push({ t: 'p', v: m[4] });
    else break;
  }
  let i = 0;
  const peek = () => tokens[i];
  const literal = (): Literal | typeof FAIL => {
    const tok = tokens[i++];
    if (!tok) return FAIL;
    if (tok.t === 'str') return tok.v;
    if (tok.t === 'num') return Number(tok.v);
    if (tok.t === 'id') return tok.v in CONSTANTS ? CONSTANTS[tok.v]! : FAIL;
    if (tok.v === '[') {
      const items: Literal[] = [];
      if (peek()?.v === ']') {
        i++;
        return items;
      }
      for (;;) {
        const item = literal();
        if (item === FAIL) return FAIL;
        items.push(item);
        const sep = tokens[i++];
        if (sep?.v === ']') return items;
        if (sep?.v !== ',') return FAIL;
      }
    }
    return FAIL;
  };
  const head = tokens[i++];
  if (!head || head.t !== 'id') return undefined;
  if (tokens.length === 1) return NAMES.has(head.v) ? { kind: 'name', name: head.v } : undefined;
  if (!CALLABLE.has(head.v) || tokens[i++]?.v !== '(') return undefined;
  const args: Literal[] = [];
  const kwargs: Record<string, Literal> = {};
  if (peek()?.v === ')') i++;
  else {
    for (;;) {
      const tok = peek();
      if (tok?.t === 'id' && tokens[i + 1]?.v === '=') {
        i += 2;
        const value = literal();
        if (value === FAIL) return undefined;
        kwargs[tok.v] = value;
      } else {
        if (Object.keys(kwargs).length > 0) return undefined;
        const value = literal();
        if (value === FAIL) return undefined;
        args.push(value);
      }
      const sep = tokens[i++];
      if (sep?.v === ')') break;
      if (sep?.v !== ',') return undefined;
    }
  }
  if (i !== tokens.length) return undefined;
  const hasLists = args.some(Array.isArray) || Object.values(kwargs).some(Array.isArray);
  const hasKwargs = Object.keys(kwargs).length > 0;
  return { kind: 'call', name: head.v, args, kwargs, hasKwargs, hasLists };
}

const FAIL = Symbol('fail');
const CONSTANTS: Record<string, Literal> = {
  True: true,
  False: false,
  None: null,
  true: true,
  false: false,
  none: null,
};
