import type { Adapter } from '../adapter/adapter';
import type { CompileResult } from '../compile/compile-project';
import { TsmodelError } from '../diagnostics';
import { didYouMean } from '../did-you-mean';
import { setInvocationFlags } from '../templating/invocation-flags';
import type { MacroDefinition } from '../templating/macro-registry';
import { YamlFile } from '../yaml/yaml-file';
import { renderJustInTime } from './jit-render';
import { RunCatalog } from './run-catalog';

export interface RunOperationOptions {
  compiled: Pick<CompileResult, 'engine' | 'renderAdHoc' | 'project'>;
  adapter: Adapter;
  /** `macro_name`, or `package.macro_name` for a macro of one package. */
  macro: string;
  /** `--args`: passed to the macro as keyword arguments. */
  args: Record<string, unknown>;
  /**
   * Every `log()` / `print()` the macro makes, as it makes it. `info` is dbt's `info=True`:
   * shown on the terminal; the rest is debug output.
   */
  onLog?: (message: string, info: boolean) => void;
}

export interface RunOperationOutcome {
  /** The macro's `return()` value, or its rendered text; dbt prints neither. */
  returned: unknown;
  /** `package.name` of the macro that ran. */
  macro: string;
}

const OPERATION_GLOBAL = '__tsmodel_operation__';

/**
 * dbt's `run-operation`: calls one macro with `--args` as keyword arguments, with
 * `execute = true` on the target's connection, and discards what it renders — a macro acts
 * through `run_query`/`statement` and speaks through `log()`. A macro's error (e.g.
 * `exceptions.raise_compiler_error`) is thrown as the located TsmodelError.
 */
export async function runOperation(options: RunOperationOptions): Promise<RunOperationOutcome> {
  const { compiled, adapter } = options;
  const engine = compiled.engine;
  const found = findMacro(compiled, options.macro);
  // The connection proves the target before the macro acts, as dbt's does.
  const conn = await adapter.connect();
  const globals = engine.env.globals as Record<string, unknown>;
  let returned: unknown;
  try {
    setInvocationFlags(engine.env, { WHICH: 'run-operation' });
    engine.env.addGlobal(OPERATION_GLOBAL, () => {
      returned = found.fn({ ...options.args, __keywords: true });
      return '';
    });
    // Replayed with the warehouse's answers until the macro needs no new one (jit-render.ts).
    const catalog = new RunCatalog(adapter);
    // A render may be replayed (jit-render.ts): only the last attempt's messages are shown.
    await renderJustInTime(
      (warehouse) =>
        compiled.renderAdHoc(`{% do ${OPERATION_GLOBAL}() %}`, {
          name: found.name,
          file: found.path,
          warehouse,
        }),
      conn,
      catalog,
      `operation ${found.name}`,
      options.onLog,
    );
  } catch (err) {
    throw explain(err, found);
  } finally {
    delete globals[OPERATION_GLOBAL];
    await conn.close().catch(() => undefined);
  }
  return { returned, macro: `${found.packageName}.${found.name}` };
}

/**
 * `--args` as the macro's keyword arguments: YAML, which reads JSON too (`'{days: 3}'`,
 * `'{"days": 3}'`); absent or blank is none. Anything but a mapping is an error.
 */
export function parseOperationArgs(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  const hint = "pass a mapping, e.g. --args '{table: orders, days: 3}'";
  const { yaml, errors } = YamlFile.parse(text, '--args');
  if (!yaml) {
    throw new TsmodelError({
      code: 'run-operation-args',
      message: `--args is not YAML or JSON: ${errors[0]?.message ?? text}`,
      hint,
    });
  }
  const value = yaml.toJS();
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TsmodelError({
      code: 'run-operation-args',
      message: `--args must be a mapping of argument names to values, got ${JSON.stringify(value)}`,
      hint,
    });
  }
  return value as Record<string, unknown>;
}

function findMacro(compiled: RunOperationOptions['compiled'], name: string): MacroDefinition {
  const macros = compiled.engine.macros;
  const dot = name.indexOf('.');
  const found =
    dot > 0 ? macros.get(name.slice(0, dot), name.slice(dot + 1)) : macros.resolve(name);
  if (found) return found;
  const names = macros.all().map((m) => (dot > 0 ? `${m.packageName}.${m.name}` : m.name));
  throw new TsmodelError({
    code: 'unknown-macro',
    message: `run-operation: no macro named '${name}'`,
    hint:
      didYouMean(name, names) ??
      `define it in ${compiled.project.root.macroPaths[0] ?? 'macros'}/ with {% macro ${name.slice(dot + 1)}(...) %}`,
  });
}

/**
 * The macro's own error, placed in its file: the line nunjucks reports belongs to the one-line
 * template that calls the macro, which the user never wrote.
 */
function explain(err: unknown, macro: MacroDefinition): unknown {
  if (!(err instanceof TsmodelError)) return err;
  const qualified = `${macro.packageName}.${macro.name}`;
  return new TsmodelError({
    code: err.code,
    message: `run-operation ${qualified} failed: ${err.message}`,
    location: { file: macro.path },
    ...(err.hint !== undefined ? { hint: err.hint } : {}),
    kind: err.kind,
    cause: err,
  });
}
