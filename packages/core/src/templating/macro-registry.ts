import nunjucks from 'nunjucks';
import { createHash } from 'node:crypto';
import { TsmodelError } from '../diagnostics';
import { MacroReturn, toTemplateError } from './template-errors';

/** A macro file as found on disk. `path` is shown in errors (package-relative). */
export interface MacroFile {
  packageName: string;
  path: string;
  text: string;
}

export interface MacroDefinition {
  name: string;
  packageName: string;
  path: string;
  /** Hash of the file that defines it; `state:modified.macros` and the parse cache compare it. */
  checksum: string;
  fn: (...args: unknown[]) => unknown;
}

/**
 * The package of the macros tsmodel ships: dbt's global project (generic tests, cross-database
 * macros, naming), so they are `dbt.x()` and `macro.dbt.x` as in dbt. Searched last.
 */
export const INTERNAL_PACKAGE = 'dbt';

/**
 * The name of a compatibility shim: tsmodel's own adapter-specific implementation of a
 * package's dispatched macro, for engines the package has no implementation for and whose
 * `default__` does not run there (dbt_utils' `default__get_tables_by_pattern_sql` reads
 * `<db>.information_schema`, which DuckDB has no such schema for). Shims live in tsmodel's
 * package as `<adapter>__<package>__<macro>`; `adapter.dispatch` tries one right after the
 * package's own `<adapter>__<macro>`, so a package or project implementation always wins, and
 * before the package's `default__`.
 */
export function shimName(adapterPrefix: string, packageName: string, macro: string): string {
  return `${adapterPrefix}__${packageName}__${macro}`;
}

const RAW_PREFIX = 'tsmraw__';

/**
 * Every macro of every package, callable from any template without imports. Root-project
 * macros win over package macros of the same name, package macros over tsmodel's own, so a
 * project can override any macro it uses — dbt's rule. Each macro is also reachable as
 * `<package>.<macro>()`.
 */
export class MacroRegistry {
  private readonly byPackage = new Map<string, Map<string, MacroDefinition>>();

  constructor(
    private readonly env: nunjucks.Environment,
    private readonly rootPackage: string,
    /** Called on every macro call, so renders can record which macros they used. */
    private readonly onCall: (qualifiedName: string) => void,
  ) {}

  /** Compiles and registers the macros of `files`; returns problems instead of throwing. */
  load(files: MacroFile[]): TsmodelError[] {
    const problems: TsmodelError[] = [];
    for (const file of files) {
      try {
        this.loadFile(file);
      } catch (err) {
        problems.push(
          err instanceof TsmodelError ? err : toTemplateError(err, file.path, file.text, undefined),
        );
      }
    }
    this.publish();
    return problems;
  }

  get(packageName: string, name: string): MacroDefinition | undefined {
    return this.byPackage.get(packageName)?.get(name);
  }

  /** The macro a bare `name()` call reaches: root, then other packages, then tsmodel's own. */
  resolve(name: string): MacroDefinition | undefined {
    const root = this.get(this.rootPackage, name);
    if (root) return root;
    for (const [pkg, macros] of this.byPackage) {
      if (pkg === this.rootPackage || pkg === INTERNAL_PACKAGE) continue;
      const m = macros.get(name);
      if (m) return m;
    }
    return this.get(INTERNAL_PACKAGE, name);
  }

  packages(): string[] {
    return [...this.byPackage.keys()];
  }

  all(): MacroDefinition[] {
    return [...this.byPackage.values()].flatMap((m) => [...m.values()]);
  }

  /**
   * Registers the macros of one file. A project's and its packages' files are compiled now, so
   * a syntax error is reported at parse; tsmodel's own (~140 macros, most never called by a
   * given project) are compiled on the first call of one of them, which keeps every engine's
   * start — the main thread's and each render worker's — as cheap as before they existed.
   */
  private loadFile(file: MacroFile): void {
    const source = toMacroSource(file.text);
    const lazy = file.packageName === INTERNAL_PACKAGE;
    const compile = () => {
      const template = new nunjucks.Template(source, this.env, file.path, true);
      let exported: Record<string, unknown> = {};
      template.getExported({}, null, (err: unknown, result: unknown) => {
        if (err) throw err;
        exported = result as Record<string, unknown>;
      });
      return exported;
    };
    let compiled: Record<string, unknown> | undefined = lazy ? undefined : compile();
    const rawFn = (rawName: string) => (compiled ??= compile())[rawName];
    const rawNames = lazy
      ? declaredMacroNames(source)
      : Object.keys(compiled!).filter((n) => typeof compiled![n] === 'function');
    const checksum = createHash('sha256').update(file.text).digest('hex');
    let macros = this.byPackage.get(file.packageName);
    if (!macros) this.byPackage.set(file.packageName, (macros = new Map()));
    for (const rawName of rawNames) {
      if (!rawName.startsWith(RAW_PREFIX)) continue;
      const fn = lazy
        ? function lazyMacro(this: unknown, ...args: unknown[]) {
            return (rawFn(rawName) as (...a: unknown[]) => unknown).apply(this, args);
          }
        : rawFn(rawName);
      const name = rawName.slice(RAW_PREFIX.length);
      const existing = macros.get(name);
      if (existing) {
        throw new TsmodelError({
          code: 'duplicate-macro',
          message: `macro '${name}' is defined twice in package '${file.packageName}' (${existing.path} and ${file.path})`,
          location: { file: file.path },
          hint: 'rename or delete one of them',
        });
      }
      macros.set(name, {
        name,
        packageName: file.packageName,
        path: file.path,
        checksum,
        fn: this.wrap(`${file.packageName}.${name}`, fn as (...a: unknown[]) => unknown),
      });
    }
  }

  /** Makes the winning macros globals and each package a namespace object. */
  private publish(): void {
    const names = new Set(this.all().map((m) => m.name));
    for (const name of names) this.env.addGlobal(name, this.resolve(name)!.fn);
    for (const [pkg, macros] of this.byPackage) {
      const namespace: Record<string, unknown> = {};
      for (const [name, m] of macros) namespace[name] = m.fn;
      this.env.addGlobal(pkg, namespace);
    }
  }

  private wrap(qualified: string, raw: (...a: unknown[]) => unknown): (...a: unknown[]) => unknown {
    const onCall = this.onCall;
    return function macro(this: unknown, ...args: unknown[]) {
      onCall(qualified);
      try {
        return raw.apply(this, args);
      } catch (err) {
        if (err instanceof MacroReturn) return err.value;
        throw err;
      }
    };
  }
}

/**
 * Rewrites a macro file so nunjucks can compile it: `{% test x(…) %}` blocks become macros
 * named `test_x` (dbt's generic-test naming), and every macro is defined under a private raw
 * name so calls — even between macros of the same file — go through the registered wrapper
 * that handles `return()` and records usage.
 */
export function toMacroSource(text: string): string {
  return text
    .replace(/(\{%-?\s*)test(\s+)(\w+)/g, `$1macro$2${RAW_PREFIX}test_$3`)
    .replace(/(\{%-?\s*)endtest(\s*-?%\})/g, '$1endmacro$2')
    .replace(/(\{%-?\s*)macro(\s+)(?!tsmraw__)(\w+)/g, `$1macro$2${RAW_PREFIX}$3`);
}

/** The top-level macro names a rewritten macro file defines, without compiling it. */
export function declaredMacroNames(source: string): string[] {
  const code = source.replace(/\{#[^]*?#\}/g, '');
  return [...code.matchAll(/\{%-?\s*macro\s+(tsmraw__\w+)/g)].map((m) => m[1]!);
}
