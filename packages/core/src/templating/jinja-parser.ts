/* eslint-disable @typescript-eslint/no-explicit-any -- nunjucks' parser and nodes are untyped */
import nunjucks from 'nunjucks';
import { installJinjaStringLiterals } from './jinja-string-literals';

/**
 * Jinja2's grammar on nunjucks' parser, where the two differ: tuples (`(1,)`, `a, b = …`),
 * dict keys that are expressions (`{col: v}` uses the value of `col`), trailing commas,
 * `f(*args, **kwargs)`, slices `x[1:-1:2]`, `for (k, v) in … if … recursive`, `{% set a, b = … %}`,
 * `{% set ns.x = … %}`, `{% set x | filter %}`, `{% break %}` / `{% continue %}`, tests with a
 * bare argument (`is divisibleby 3`), `1_000` and `1e3`. nunjucks exposes its Parser class;
 * these replace its methods once per process (nunjucks' own extension point is for tags only).
 */

const { parser: parserModule, lexer, nodes } = nunjucks as any;
const Parser = parserModule.Parser;
const N = nodes;

/** Nodes nunjucks lacks; jinja-compiler.ts compiles them (`compile<Typename>`). */
export const JinjaNodes = {
  Tuple: N.NodeList.extend('Tuple'),
  Slice: N.Node.extend('Slice', { fields: ['target', 'start', 'stop', 'step'] }),
  Star: N.Node.extend('Star', { fields: ['value'] }),
  DoubleStar: N.Node.extend('DoubleStar', { fields: ['value'] }),
  Break: N.Node.extend('Break', { fields: [] }),
  Continue: N.Node.extend('Continue', { fields: [] }),
  SetAttr: N.Node.extend('SetAttr', { fields: ['target', 'attr', 'value'] }),
  Unpack: N.Node.extend('Unpack', { fields: ['targets', 'value'] }),
};

let installed = false;

export function installJinjaParser(): void {
  if (installed) return;
  installed = true;
  patchNumbers();
  installJinjaStringLiterals();
  const P = Parser.prototype;
  const parseStatement = P.parseStatement;
  P.parseStatement = function (this: any) {
    const tok = this.peekToken();
    if (tok?.type === lexer.TOKEN_SYMBOL && (tok.value === 'break' || tok.value === 'continue')) {
      if (this.breakOnBlocks?.includes(tok.value)) return null;
      this.nextToken();
      this.advanceAfterBlockEnd(tok.value);
      const Node = tok.value === 'break' ? JinjaNodes.Break : JinjaNodes.Continue;
      return new Node(tok.lineno, tok.colno);
    }
    return parseStatement.call(this);
  };
  P.parseMacro = parseMacro;
  // `{% if x: %}`: Jinja accepts a colon before a statement's block end (dbt's global macros use it).
  const advanceAfterBlockEnd = P.advanceAfterBlockEnd;
  P.advanceAfterBlockEnd = function (this: any, name?: string) {
    if (name && this.peekToken()?.type === lexer.TOKEN_COLON) this.nextToken();
    return advanceAfterBlockEnd.call(this, name);
  };
  const parsePrimary = P.parsePrimary;
  P.parsePrimary = function (this: any, noPostfix: boolean) {
    const tok = this.peekToken();
    if (tok?.type === lexer.TOKEN_STRING) return parseStrings.call(this, noPostfix);
    if (tok?.type !== lexer.TOKEN_FLOAT) return parsePrimary.call(this, noPostfix);
    this.nextToken();
    // A float literal stays a float (`1.0` prints `1.0`): jinja-compiler.ts boxes it.
    const node = new N.Literal(tok.lineno, tok.colno, parseFloat(tok.value));
    node.isFloat = true;
    return noPostfix ? node : this.parsePostfix(node);
  };
  P.parseAggregate = parseAggregate;
  P.parseSignature = parseSignature;
  P.parsePostfix = parsePostfix;
  P.parseFor = parseFor;
  P.parseSet = parseSet;
  P.parseIs = parseIs;
  P.parseInlineIf = parseInlineIf;
  P.parseAssignTarget = parseAssignTarget;
  P.parseTupleExpression = parseTupleExpression;
}

const CLOSERS = new Set([
  lexer.TOKEN_RIGHT_PAREN,
  lexer.TOKEN_RIGHT_BRACKET,
  lexer.TOKEN_RIGHT_CURLY,
]);

/** A string literal; adjacent ones concatenate (`"a" 'b'` is `'ab'`), as in Jinja and Python. */
function parseStrings(this: any, noPostfix: boolean): any {
  const tok = this.nextToken();
  let value = tok.value;
  while (this.peekToken()?.type === lexer.TOKEN_STRING) value += this.nextToken().value;
  const node = new N.Literal(tok.lineno, tok.colno, value);
  return noPostfix ? node : this.parsePostfix(node);
}

/** `(…)` group or tuple, `[…]` list, `{…}` dict — each with an optional trailing comma. */
function parseAggregate(this: any): any {
  const tok = this.nextToken();
  let node: any;
  if (tok.type === lexer.TOKEN_LEFT_PAREN) node = new N.Group(tok.lineno, tok.colno);
  else if (tok.type === lexer.TOKEN_LEFT_BRACKET) node = new N.Array(tok.lineno, tok.colno);
  else if (tok.type === lexer.TOKEN_LEFT_CURLY) node = new N.Dict(tok.lineno, tok.colno);
  else return null;
  let sawComma = false;
  for (;;) {
    if (CLOSERS.has(this.peekToken().type)) {
      this.nextToken();
      break;
    }
    if (node.children.length > 0) {
      if (!this.skip(lexer.TOKEN_COMMA))
        this.fail('parseAggregate: expected comma after expression', tok.lineno, tok.colno);
      sawComma = true;
      if (CLOSERS.has(this.peekToken().type)) {
        this.nextToken();
        break;
      }
    }
    if (node instanceof N.Dict) {
      const key = this.parseExpression();
      if (!this.skip(lexer.TOKEN_COLON))
        this.fail('parseAggregate: expected colon after dict key', tok.lineno, tok.colno);
      node.addChild(new N.Pair(key.lineno, key.colno, key, this.parseExpression()));
    } else {
      node.addChild(this.parseExpression());
    }
  }
  if (node instanceof N.Group) {
    if (node.children.length === 1 && !sawComma) return node;
    return new JinjaNodes.Tuple(tok.lineno, tok.colno, node.children);
  }
  return node;
}

/** A call's arguments: positional, `*args`, `key=value`, `**kwargs`, and a trailing comma. */
function parseSignature(this: any, tolerant: boolean, noParens: boolean): any {
  let tok = this.peekToken();
  if (!noParens && tok.type !== lexer.TOKEN_LEFT_PAREN) {
    if (tolerant) return null;
    this.fail('expected arguments', tok.lineno, tok.colno);
  }
  if (tok.type === lexer.TOKEN_LEFT_PAREN) tok = this.nextToken();
  const args = new N.NodeList(tok.lineno, tok.colno);
  const kwargs = new N.KeywordArgs(tok.lineno, tok.colno);
  let first = true;
  for (;;) {
    tok = this.peekToken();
    if (!noParens && tok.type === lexer.TOKEN_RIGHT_PAREN) {
      this.nextToken();
      break;
    }
    if (noParens && tok.type === lexer.TOKEN_BLOCK_END) break;
    if (!first) {
      if (!this.skip(lexer.TOKEN_COMMA))
        this.fail('parseSignature: expected comma after expression', tok.lineno, tok.colno);
      const after = this.peekToken();
      if (!noParens && after.type === lexer.TOKEN_RIGHT_PAREN && !this.inMacroSignature) {
        this.nextToken();
        break;
      }
    }
    first = false;
    tok = this.peekToken();
    if (tok.type === lexer.TOKEN_OPERATOR && (tok.value === '*' || tok.value === '**')) {
      this.nextToken();
      const Splat = tok.value === '*' ? JinjaNodes.Star : JinjaNodes.DoubleStar;
      args.addChild(new Splat(tok.lineno, tok.colno, this.parseExpression()));
      continue;
    }
    const arg = this.parseExpression();
    if (this.skipValue(lexer.TOKEN_OPERATOR, '=')) {
      kwargs.addChild(new N.Pair(arg.lineno, arg.colno, arg, this.parseExpression()));
    } else {
      args.addChild(arg);
    }
  }
  if (kwargs.children.length) args.addChild(kwargs);
  return args;
}

/** Calls, `.attr` (also `.0`), subscripts and slices after a primary. */
function parsePostfix(this: any, node: any): any {
  let tok = this.peekToken();
  while (tok) {
    if (tok.type === lexer.TOKEN_LEFT_PAREN) {
      node = new N.FunCall(tok.lineno, tok.colno, node, this.parseSignature());
    } else if (tok.type === lexer.TOKEN_LEFT_BRACKET) {
      this.nextToken();
      node = parseSubscript.call(this, node, tok);
    } else if (tok.type === lexer.TOKEN_OPERATOR && tok.value === '.') {
      this.nextToken();
      const val = this.nextToken();
      let key: unknown;
      if (val.type === lexer.TOKEN_SYMBOL) key = val.value;
      else if (val.type === lexer.TOKEN_INT) key = parseInt(val.value, 10);
      else this.fail('expected name as lookup value, got ' + val.value, val.lineno, val.colno);
      node = new N.LookupVal(
        tok.lineno,
        tok.colno,
        node,
        new N.Literal(val.lineno, val.colno, key),
      );
      node.attr = true;
    } else break;
    tok = this.peekToken();
  }
  return node;
}

function parseSubscript(this: any, target: any, open: any): any {
  const parts: any[] = [null];
  let colons = 0;
  for (;;) {
    const tok = this.peekToken();
    if (tok.type === lexer.TOKEN_RIGHT_BRACKET) {
      this.nextToken();
      break;
    }
    if (tok.type === lexer.TOKEN_COLON) {
      this.nextToken();
      colons++;
      if (colons > 2) this.fail('invalid slice', tok.lineno, tok.colno);
      parts.push(null);
      continue;
    }
    if (parts[parts.length - 1] !== null) this.fail('invalid index', tok.lineno, tok.colno);
    parts[parts.length - 1] = this.parseTupleExpression();
  }
  if (colons === 0) {
    if (parts[0] === null) this.fail('expected an index', open.lineno, open.colno);
    return new N.LookupVal(open.lineno, open.colno, target, parts[0]);
  }
  return new JinjaNodes.Slice(
    open.lineno,
    open.colno,
    target,
    parts[0],
    parts[1],
    parts[2] ?? null,
  );
}

/** An expression, or a tuple of them without parentheses (`1, 2`). */
function parseTupleExpression(this: any, noCondExpr?: boolean): any {
  const first = noCondExpr ? this.parseOr() : this.parseExpression();
  if (this.peekToken()?.type !== lexer.TOKEN_COMMA) return first;
  const items = [first];
  while (this.skip(lexer.TOKEN_COMMA)) {
    const tok = this.peekToken();
    if (tok.type === lexer.TOKEN_BLOCK_END || tok.type === lexer.TOKEN_VARIABLE_END) break;
    if (tok.type === lexer.TOKEN_SYMBOL && tok.value === 'if' && noCondExpr) break;
    items.push(noCondExpr ? this.parseOr() : this.parseExpression());
  }
  return new JinjaNodes.Tuple(first.lineno, first.colno, items);
}

/** A name, `(a, b)`, `a, (b, c)`, or (for `set`) `ns.attr`: what a value is assigned to. */
function parseAssignTarget(this: any, allowAttr: boolean): any {
  const one = (): any => {
    const tok = this.peekToken();
    if (tok.type === lexer.TOKEN_LEFT_PAREN) {
      const agg = this.parseAggregate();
      const items = agg instanceof JinjaNodes.Tuple ? agg.children : [agg];
      items.forEach(checkTarget.bind(this));
      return new JinjaNodes.Tuple(agg.lineno, agg.colno, items);
    }
    const node = allowAttr ? this.parsePrimary() : this.parsePrimary(true);
    checkTarget.call(this, node);
    return node;
  };
  const first = one();
  if (this.peekToken()?.type !== lexer.TOKEN_COMMA) return first;
  const items = [first];
  while (this.skip(lexer.TOKEN_COMMA)) items.push(one());
  return new JinjaNodes.Tuple(first.lineno, first.colno, items);
}

function checkTarget(this: any, node: any): void {
  if (node instanceof N.Symbol || node instanceof JinjaNodes.Tuple) {
    if (node instanceof JinjaNodes.Tuple) node.children.forEach(checkTarget.bind(this));
    return;
  }
  if (node instanceof N.LookupVal && node.attr) return;
  this.fail(`can't assign to ${node.typename}`, node.lineno, node.colno);
}

/** `{% macro name(a, b=1) %}…{% endmacro %}`: unlike a call, no trailing comma (as in Jinja). */
function parseMacro(this: any): any {
  const tok = this.peekToken();
  if (!this.skipSymbol('macro')) this.fail('expected macro');
  const name = this.parsePrimary(true);
  this.inMacroSignature = true;
  const args = this.parseSignature();
  this.inMacroSignature = false;
  const node = new N.Macro(tok.lineno, tok.colno, name, args);
  this.advanceAfterBlockEnd(tok.value);
  node.body = this.parseUntilBlocks('endmacro');
  this.advanceAfterBlockEnd();
  return node;
}

/** `{% for target in iterable [if test] [recursive] %}…{% else %}…{% endfor %}` */
function parseFor(this: any): any {
  const forTok = this.peekToken();
  if (!this.skipSymbol('for')) this.fail('parseFor: expected for', forTok.lineno, forTok.colno);
  const node = new N.For(forTok.lineno, forTok.colno);
  node.name = this.parseAssignTarget(false);
  if (!this.skipSymbol('in'))
    this.fail('parseFor: expected "in" keyword for loop', forTok.lineno, forTok.colno);
  node.arr = this.parseTupleExpression(true);
  node.test = this.skipSymbol('if') ? this.parseExpression() : null;
  node.recursive = this.skipSymbol('recursive');
  this.advanceAfterBlockEnd(forTok.value);
  node.body = this.parseUntilBlocks('endfor', 'else');
  if (this.skipSymbol('else')) {
    this.advanceAfterBlockEnd('else');
    node.else_ = this.parseUntilBlocks('endfor');
  }
  this.advanceAfterBlockEnd();
  return node;
}

/** `{% set target = value %}`, `{% set a, b = … %}`, `{% set ns.x = … %}`, `{% set x [| f] %}…{% endset %}` */
function parseSet(this: any): any {
  const tag = this.peekToken();
  if (!this.skipSymbol('set')) this.fail('parseSet: expected set', tag.lineno, tag.colno);
  const target = this.parseAssignTarget(true);
  if (this.skipValue(lexer.TOKEN_OPERATOR, '=')) {
    const value = this.parseTupleExpression();
    this.advanceAfterBlockEnd(tag.value);
    return assignment(tag, target, value);
  }
  if (target instanceof JinjaNodes.Tuple)
    this.fail(
      'parseSet: a block set assigns one name or namespace attribute',
      tag.lineno,
      tag.colno,
    );
  const filters: any[] = [];
  while (this.skip(lexer.TOKEN_PIPE)) {
    const name = this.parseFilterName();
    filters.push({ name, args: this.parseFilterArgs(name) });
  }
  if (!this.skip(lexer.TOKEN_BLOCK_END))
    this.fail('parseSet: expected = or block end in set tag', tag.lineno, tag.colno);
  const body = new N.Capture(tag.lineno, tag.colno, this.parseUntilBlocks('endset'));
  this.advanceAfterBlockEnd();
  if (filters.length === 0 && target instanceof N.Symbol) {
    const node = new N.Set(tag.lineno, tag.colno, [target]);
    node.body = body;
    node.value = null;
    return node;
  }
  let value = body;
  for (const f of filters) {
    const args = new N.NodeList(f.name.lineno, f.name.colno, [value, ...f.args]);
    value = new N.Filter(f.name.lineno, f.name.colno, f.name, args);
  }
  return assignment(tag, target, value);
}

function assignment(tag: any, target: any, value: any): any {
  if (target instanceof JinjaNodes.Tuple)
    return new JinjaNodes.Unpack(tag.lineno, tag.colno, target, value);
  if (target instanceof N.LookupVal)
    return new JinjaNodes.SetAttr(tag.lineno, tag.colno, target.target, target.val, value);
  return new N.Set(tag.lineno, tag.colno, [target], value);
}

/** `x is [not] test`, `x is test(args)`, `x is test arg` (one bare argument, as Jinja allows). */
function parseIs(this: any): any {
  let node = this.parseCompare();
  while (this.skipSymbol('is')) {
    const not = this.skipSymbol('not');
    const nameTok = this.nextToken();
    if (
      nameTok.type !== lexer.TOKEN_SYMBOL &&
      nameTok.type !== lexer.TOKEN_NONE &&
      nameTok.type !== lexer.TOKEN_BOOLEAN
    )
      this.fail('expected a test name after is', nameTok.lineno, nameTok.colno);
    let name = String(nameTok.value);
    while (this.skipValue(lexer.TOKEN_OPERATOR, '.')) name += '.' + this.nextToken().value;
    const sym = new N.Symbol(nameTok.lineno, nameTok.colno, name);
    const next = this.peekToken();
    let test: any = sym;
    if (next.type === lexer.TOKEN_LEFT_PAREN) {
      test = new N.FunCall(nameTok.lineno, nameTok.colno, sym, this.parseSignature());
    } else if (startsBareArgument(next)) {
      const arg = this.parsePrimary();
      test = new N.FunCall(
        nameTok.lineno,
        nameTok.colno,
        sym,
        new N.NodeList(arg.lineno, arg.colno, [arg]),
      );
    }
    node = new N.Is(node.lineno, node.colno, node, test);
    if (not) node = new N.Not(node.lineno, node.colno, node);
  }
  return node;
}

function startsBareArgument(tok: any): boolean {
  switch (tok?.type) {
    case lexer.TOKEN_STRING:
    case lexer.TOKEN_INT:
    case lexer.TOKEN_FLOAT:
    case lexer.TOKEN_NONE:
    case lexer.TOKEN_BOOLEAN:
    case lexer.TOKEN_LEFT_BRACKET:
    case lexer.TOKEN_LEFT_CURLY:
      return true;
    case lexer.TOKEN_SYMBOL:
      return !['else', 'or', 'and', 'if', 'in', 'not', 'is', 'recursive'].includes(tok.value);
    default:
      return false;
  }
}

/** `a if cond else b`, with `else` chaining another conditional. */
function parseInlineIf(this: any): any {
  let node = this.parseOr();
  if (this.skipSymbol('if')) {
    const body = node;
    node = new N.InlineIf(node.lineno, node.colno);
    node.body = body;
    node.cond = this.parseOr();
    node.else_ = this.skipSymbol('else') ? this.parseInlineIf() : null;
  }
  return node;
}

/** `1_000`, `1e3`, `1.5e-3`: the lexer splits these; read them whole. */
function patchNumbers(): void {
  const Tokenizer = Object.getPrototypeOf(lexer.lex(''));
  const nextToken = Tokenizer.nextToken;
  const NUMBER = /\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?/y;
  Tokenizer.nextToken = function (this: any) {
    if (this.in_code) {
      const c = this.str.charCodeAt(this.index);
      if (c >= 48 && c <= 57) {
        NUMBER.lastIndex = this.index;
        const m = NUMBER.exec(this.str);
        if (
          m &&
          (m[0].includes('_') || m[2] !== undefined) &&
          !/[\w]/.test(this.str[this.index + m[0].length] ?? '')
        ) {
          const lineno = this.lineno;
          const colno = this.colno;
          this.forwardN(m[0].length);
          const text = m[0].replace(/_/g, '');
          const float = m[1] !== undefined || m[2] !== undefined;
          return { type: float ? lexer.TOKEN_FLOAT : lexer.TOKEN_INT, value: text, lineno, colno };
        }
      }
    }
    return nextToken.call(this);
  };
}
