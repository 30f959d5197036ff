/* eslint-disable @typescript-eslint/no-explicit-any -- nunjucks' compiler and nodes are untyped */
import nunjucks from 'nunjucks';
import { JinjaNodes } from './jinja-parser';

/**
 * Python's semantics in the JavaScript nunjucks generates. Its compiler emits JavaScript
 * operators (`if (x)`, `a == b`, `a + b`, `a || b`), which give silently wrong SQL on dbt's
 * templates: an empty list is truthy, `[] != []`, `{col: v}` uses the key "col". These methods
 * replace the compiler's for those nodes and emit calls to `runtime.py` (jinja-runtime.ts)
 * instead; they also compile the nodes jinja-parser.ts adds (tuples, slices, splats, unpacking,
 * break/continue) and Jinja's `for` and macro signatures (`varargs`, `kwargs`, `loop.cycle`).
 */

const { compiler: compilerModule, nodes: N } = nunjucks as any;
const Compiler = compilerModule.Compiler;
const Frame = (nunjucks as any).runtime.Frame;

/** A JavaScript expression spliced into generated code (an unpacked item: `t_3[1]`). */
const RawCode = N.Node.extend('RawCode', { fields: ['code'] });
const compileLiteral = Compiler.prototype.compileLiteral;

let installed = false;

export function installJinjaCompiler(): void {
  if (installed) return;
  installed = true;
  Object.assign(Compiler.prototype, METHODS);
}

const COMPARE_OPS: Record<string, string> = { '===': '==', '!==': '!=' };

const METHODS: Record<string, (this: any, node: any, frame: any) => void> = {
  _compileExpression(node, frame) {
    this.compile(node, frame);
  },
  compileLiteral(node, frame) {
    if (node.isFloat && Number.isInteger(node.value)) this._emit(`runtime.py.float(${node.value})`);
    else compileLiteral.call(this, node, frame);
  },
  compileRawCode(node) {
    this._emit(node.code);
  },
  compileIf(node, frame) {
    this._emit('if(runtime.py.truthy(');
    this._compileExpression(node.cond, frame);
    this._emitLine(')) {');
    this._withScopedSyntax(() => this.compile(node.body, frame));
    if (node.else_) {
      this._emitLine('}\nelse {');
      this._withScopedSyntax(() => this.compile(node.else_, frame));
    }
    this._emitLine('}');
  },
  compileInlineIf(node, frame) {
    this._emit('(runtime.py.truthy(');
    this.compile(node.cond, frame);
    this._emit(') ? ');
    this.compile(node.body, frame);
    this._emit(' : ');
    if (node.else_ !== null) this.compile(node.else_, frame);
    else this._emit('undefined');
    this._emit(')');
  },
  compileNot(node, frame) {
    this._emit('!runtime.py.truthy(');
    this.compile(node.target, frame);
    this._emit(')');
  },
  compileOr(node, frame) {
    this._emit('((__v) => runtime.py.truthy(__v) ? __v : (');
    this.compile(node.right, frame);
    this._emit('))(');
    this.compile(node.left, frame);
    this._emit(')');
  },
  compileAnd(node, frame) {
    this._emit('((__v) => !runtime.py.truthy(__v) ? __v : (');
    this.compile(node.right, frame);
    this._emit('))(');
    this.compile(node.left, frame);
    this._emit(')');
  },
  compileAdd: binary('add'),
  compileSub: binary('sub'),
  compileMul: binary('mul'),
  compileDiv: binary('div'),
  compileFloorDiv: binary('floorDiv'),
  compileMod: binary('mod'),
  compilePow: binary('pow'),
  compileConcat: binary('concat'),
  compileIn: binary('contains'),
  compileNeg(node, frame) {
    this._emit('runtime.py.neg(');
    this.compile(node.target, frame);
    this._emit(')');
  },
  compileCompare(node, frame) {
    const op = (o: any) => JSON.stringify(COMPARE_OPS[o.type] ?? o.type);
    if (node.ops.length === 1) {
      this._emit(`runtime.py.compare(${op(node.ops[0])}, `);
      this.compile(node.expr, frame);
      this._emit(', ');
      this.compile(node.ops[0].expr, frame);
      this._emit(')');
      return;
    }
    this._emit('runtime.py.compareChain(');
    this.compile(node.expr, frame);
    for (const o of node.ops) {
      this._emit(`, ${op(o)}, `);
      this.compile(o.expr, frame);
    }
    this._emit(')');
  },
  compileDict(node, frame) {
    if (node instanceof N.KeywordArgs) {
      this._compileAggregate(node, frame, '{', '}');
      return;
    }
    const literalKeys = node.children.every(
      (p: any) =>
        p.key instanceof N.Literal &&
        typeof p.key.value === 'string' &&
        p.key.value !== '__proto__',
    );
    if (literalKeys) {
      this._compileAggregate(node, frame, '{', '}');
      return;
    }
    this._emit('runtime.py.dict(');
    node.children.forEach((pair: any, i: number) => {
      if (i > 0) this._emit(', ');
      this.compile(pair.key, frame);
      this._emit(', ');
      this.compile(pair.value, frame);
    });
    this._emit(')');
  },
  compileTuple(node, frame) {
    this._emit('runtime.py.tuple(');
    this._compileAggregate(node, frame, '[', ']');
    this._emit(')');
  },
  compileSlice(node, frame) {
    this._emit('runtime.py.slice(');
    this.compile(node.target, frame);
    for (const part of [node.start, node.stop, node.step]) {
      this._emit(', ');
      if (part === null) this._emit('null');
      else this.compile(part, frame);
    }
    this._emit(')');
  },
  compileLookupVal(node, frame) {
    this._emit(node.attr ? 'runtime.py.getattr(' : 'runtime.py.getitem(');
    this.compile(node.target, frame);
    this._emit(', ');
    this.compile(node.val, frame);
    this._emit(')');
  },
  compileFunCall(node, frame) {
    const children = node.args.children as any[];
    const splat = children.some(
      (c) => c instanceof JinjaNodes.Star || c instanceof JinjaNodes.DoubleStar,
    );
    const name = JSON.stringify(this._getNodeName(node.name));
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, runtime.callWrap(`);
    this.compile(node.name, frame);
    this._emit(`, ${name}, context, `);
    if (!splat) {
      this._compileAggregate(node.args, frame, '[', ']');
      this._emit('))');
      return;
    }
    const part = (pick: (c: any) => boolean, open: string, close: string) => {
      const items = children.filter(pick);
      if (items.length === 0) return this._emit('null');
      this._emit(open);
      items.forEach((c, i) => {
        if (i > 0) this._emit(', ');
        this.compile(
          c instanceof JinjaNodes.Star || c instanceof JinjaNodes.DoubleStar ? c.value : c,
          frame,
        );
      });
      this._emit(close);
    };
    const plain = (c: any) =>
      !(c instanceof JinjaNodes.Star) &&
      !(c instanceof JinjaNodes.DoubleStar) &&
      !(c instanceof N.KeywordArgs);
    this._emit('runtime.py.callArgs(');
    part(plain, '[', ']');
    this._emit(', ');
    part((c) => c instanceof JinjaNodes.Star, '[', ']');
    this._emit(', ');
    part((c) => c instanceof N.KeywordArgs, '', '');
    this._emit(', ');
    part((c) => c instanceof JinjaNodes.DoubleStar, '[', ']');
    this._emit(')))');
  },
  compileBreak() {
    this._emitLine('break;');
  },
  compileContinue() {
    this._emitLine('continue;');
  },
  compileSetAttr(node, frame) {
    this._emit('runtime.py.setattr(');
    this.compile(node.target, frame);
    this._emit(', ');
    this.compile(node.attr, frame);
    this._emit(', ');
    this.compile(node.value, frame);
    this._emitLine(');');
  },
  compileUnpack(node, frame) {
    const id = this._tmpid();
    this._emit(`var ${id} = `);
    this.compile(node.value, frame);
    this._emitLine(';');
    assign.call(this, node.targets, id, frame, (target: any, code: string) => {
      this.compileSet(
        new N.Set(target.lineno, target.colno, [target], new RawCode(0, 0, code)),
        frame,
      );
    });
  },
  compileFor(node, frame) {
    if (node.recursive) {
      const fn = this._tmpid();
      this._emitLine(`var ${fn} = function(__items, __depth) {`);
      const buffer = this.buffer;
      const out = this._pushBuffer();
      this._emitLine('');
      emitLoop.call(this, node, frame, '__items', fn);
      this._emitLine(`return new runtime.SafeString(${out});`);
      this._popBuffer();
      this.buffer = buffer;
      this._emitLine('};');
      this._emit(`${this.buffer} += runtime.suppressValue(${fn}(`);
      this._compileExpression(node.arr, frame);
      this._emitLine(', 0));');
      return;
    }
    emitLoop.call(this, node, frame, undefined, undefined);
  },
  _compileMacro: compileMacroFunction as any,
};

function binary(helper: string) {
  return function (this: any, node: any, frame: any) {
    this._emit(`runtime.py.${helper}(`);
    this.compile(node.left, frame);
    this._emit(', ');
    this.compile(node.right, frame);
    this._emit(')');
  };
}

/** Binds a target (a name or nested tuple of names) to the JavaScript value `code`. */
function assign(
  this: any,
  target: any,
  code: string,
  frame: any,
  bindName: (t: any, c: string) => void,
): void {
  if (!(target instanceof JinjaNodes.Tuple)) {
    bindName(target, code);
    return;
  }
  const id = this._tmpid();
  this._emitLine(`var ${id} = runtime.py.unpack(${code}, ${target.children.length});`);
  target.children.forEach((child: any, i: number) =>
    assign.call(this, child, `${id}[${i}]`, frame, bindName),
  );
}

/**
 * Jinja's `for`: iterates Python-style (dict keys, string characters), unpacks targets, applies
 * the `if` filter before numbering, isolates `set` inside the body (it does not leak out of the
 * loop, as in Jinja), supports break/continue and `else` (runs when nothing was iterated).
 */
function emitLoop(
  this: any,
  node: any,
  outer: any,
  itemsCode: string | undefined,
  recurse: string | undefined,
): void {
  const arr = this._tmpid();
  const i = this._tmpid();
  const loop = this._tmpid();
  const frame = outer.push(true);
  this._emitLine('frame = frame.push(true);');
  this._emit(`var ${arr} = runtime.py.iterate(`);
  if (itemsCode) this._emit(itemsCode);
  else this._compileExpression(node.arr, outer);
  this._emitLine(');');
  const bind = (item: string) =>
    assign.call(this, node.name, item, frame, (target: any, code: string) => {
      const id = this._tmpid();
      this._emitLine(`var ${id} = ${code};`);
      this._emitLine(`frame.set("${target.value}", ${id});`);
      frame.set(target.value, id);
    });
  if (node.test) {
    const kept = this._tmpid();
    this._emitLine(`var ${kept} = [];`);
    this._emitLine(`for (var ${i} = 0; ${i} < ${arr}.length; ${i}++) {`);
    bind(`${arr}[${i}]`);
    this._emit('if (runtime.py.truthy(');
    this._compileExpression(node.test, frame);
    this._emitLine(`)) ${kept}.push(${arr}[${i}]);`);
    this._emitLine('}');
    this._emitLine(`${arr} = ${kept};`);
  }
  this._emitLine(
    `var ${loop} = new runtime.py.Loop(${arr}, ${recurse ? '__depth' : '0'}, ${recurse ?? 'undefined'});`,
  );
  this._emitLine(`frame.set("loop", ${loop}.value);`);
  this._emitLine(`for (var ${i} = 0; ${i} < ${arr}.length; ${i}++) {`);
  this._emitLine(`${loop}.at(${i});`);
  bind(`${arr}[${i}]`);
  this._withScopedSyntax(() => this.compile(node.body, frame));
  this._emitLine('}');
  if (node.else_) {
    this._emitLine(`if (!${arr}.length) {`);
    this.compile(node.else_, frame);
    this._emitLine('}');
  }
  this._emitLine('frame = frame.pop();');
}

/**
 * A macro as Jinja defines it: positional-or-keyword parameters with defaults evaluated per call
 * (and seeing earlier parameters), missing ones undefined, extra positional arguments in
 * `varargs` and extra keywords in `kwargs` — each only when the body uses that name, otherwise
 * a call with them fails, as in Jinja.
 */
function compileMacroFunction(this: any, node: any, frame: any): string {
  const params: Array<{ name: string; dflt: any }> = [];
  for (const arg of node.args.children) {
    if (arg instanceof N.KeywordArgs || arg instanceof N.Dict) {
      for (const pair of arg.children) params.push({ name: pair.key.value, dflt: pair.value });
    } else {
      this.assertType(arg, N.Symbol);
      params.push({ name: arg.value, dflt: undefined });
    }
  }
  const used = new Set<string>(node.body.findAll(N.Symbol).map((s: any) => s.value));
  const funcId = 'macro_' + this._tmpid();
  const keepFrame = frame !== undefined;
  const currFrame = keepFrame ? frame.push(true) : new Frame();
  const name = node.name?.value ?? 'caller';
  this._emitLines(
    `var ${funcId} = runtime.py.makeMacro(${JSON.stringify(name.replace(/^tsmraw__/, ''))}, ${JSON.stringify(params.map((p) => p.name))}, ${used.has('varargs')}, ${used.has('kwargs')}, function (__args, __varargs, __kwargs, __caller) {`,
    'var callerFrame = frame;',
    // `return()` leaves a macro by an exception: the frame is restored however it ends, or the
    // caller's later lookups (a loop after the call) would read the macro's frame.
    'try {',
    'frame = ' + (keepFrame ? 'frame.push(true);' : 'new runtime.Frame();'),
    'if (__caller !== undefined) frame.set("caller", __caller);',
    'frame.set("varargs", __varargs);',
    'frame.set("kwargs", __kwargs);',
  );
  params.forEach((p, i) => {
    const id = `l_${p.name}`;
    this._emit(`var ${id} = __args[${i}] !== runtime.py.MISSING ? __args[${i}] : `);
    if (p.dflt === undefined) this._emit('undefined');
    else this._compileExpression(p.dflt, currFrame);
    this._emitLine(';');
    this._emitLine(`frame.set("${p.name}", ${id});`);
    currFrame.set(p.name, id);
  });
  const bufferId = this._pushBuffer();
  this._withScopedSyntax(() => this.compile(node.body, currFrame));
  this._emitLine(`return new runtime.SafeString(${bufferId});`);
  this._emitLine('} finally { frame = callerFrame; }');
  this._emitLine('});');
  this._popBuffer();
  return funcId;
}
