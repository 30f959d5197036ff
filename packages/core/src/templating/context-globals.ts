import type nunjucks from 'nunjucks';
import { TsmodelError } from '../diagnostics';
import { SECRET_ENV_PREFIXES, isSecretEnvVar } from '../secrets';
import { envDigest } from '../secret-digest';
import type { MacroRegistry } from './macro-registry';
import { INTERNAL_PACKAGE, shimName } from './macro-registry';
import { refCallKey, type RenderCapture } from './render-capture';
import { displayMarkers, encodeKey, type RelationKey } from './relation-placeholder';
import { DbtRelation, relationApi, type RelationStyle } from './dbt-relation';
import { warehouseMethods, type ResultValues } from './adapter-object';
import type { JitRuntime } from './render-warehouse';
import { MacroReturn } from './template-errors';
import { configSet } from './config-set';
import { dbtHelpers } from './dbt-helpers';
import { utcDatetime } from './py-datetime';
import { pyStr, truthy } from './py-values';
import { emptyFlatGraph } from '../manifest/flat-graph';
import type { RenderOverrides, RenderTarget, TemplateEngineOptions } from './template-engine';

/** The render in progress; globals read it. Undefined between renders (macro loading). */
export interface RenderState {
  current:
    | {
        target: RenderTarget;
        capture: RenderCapture;
        macroSet: Set<string>;
        configSoFar: Record<string, unknown>;
        isIncremental: boolean;
        execute: boolean;
        /** The live warehouse and final names: set only for just-in-time renders at run time. */
        jit: JitRuntime | undefined;
        /** `store_result`/`load_result`: the named statement results of this render. */
        results: Map<string, unknown>;
        /** A unit test's vars, env vars and macros in place of the project's. */
        overrides: RenderOverrides | undefined;
      }
    | undefined;
  readonly options: TemplateEngineOptions;
  /**
   * dbt's `graph` of the compiled project, once there is one (renders at run time); while
   * parsing, templates see it empty.
   */
  graph: (() => unknown) | undefined;
}

/** dbt's class name of the adapter's Relation, e.g. `PostgresRelation`. */
function relationClassName(type: string): string {
  const names: Record<string, string> = { duckdb: 'DuckDB', postgres: 'Postgres' };
  return `${names[type] ?? type.charAt(0).toUpperCase() + type.slice(1)}Relation`;
}

type Args = unknown[];

/** nunjucks passes keyword arguments as a trailing object flagged `__keywords`. */
export function splitArgs(args: Args): { positional: unknown[]; kwargs: Record<string, unknown> } {
  const last = args[args.length - 1] as Record<string, unknown> | undefined;
  if (last && typeof last === 'object' && last.__keywords === true) {
    const { __keywords: _k, ...kwargs } = last;
    return { positional: args.slice(0, -1), kwargs };
  }
  return { positional: args, kwargs: {} };
}

/** Installs dbt's context: ref, source, var, config, is_incremental, target, env_var, … */
export function installContextGlobals(
  env: nunjucks.Environment,
  state: RenderState,
  macros: MacroRegistry,
  values: ResultValues,
): void {
  const { options } = state;
  const style: RelationStyle = {
    quoteCharacter: options.dialect.quoteCharacter,
    className: relationClassName(options.dialect.type),
  };
  const quotePolicy = {
    database: options.quoting?.database !== false,
    schema: options.quoting?.schema !== false,
    identifier: options.quoting?.identifier !== false,
  };
  /** A graph relation: a marker while parsing; also its final name in a just-in-time render. */
  const graphRelation = (key: RelationKey): DbtRelation => {
    const jit = state.current?.jit;
    const resolved = jit?.resolve(key);
    return new DbtRelation(
      style,
      resolved?.path,
      resolved?.type ?? null,
      encodeKey(key),
      undefined,
      quotePolicy,
    );
  };
  const markIntrospective = () => {
    if (state.current) state.current.capture.introspective = true;
  };
  const cur = () => {
    if (!state.current) throw new Error('no render in progress');
    return state.current;
  };
  // Messages show a relation whose name is not known yet as the call that made it.
  const fail = (code: string, message: string, hint?: string): never => {
    throw new TsmodelError({
      code,
      message: displayMarkers(message),
      hint,
      node: state.current?.target.uniqueId,
    });
  };

  const ref = (...args: Args) => {
    const { positional, kwargs } = splitArgs(args);
    const names = positional.map(String);
    if (names.length === 0 || names.length > 2)
      fail(
        'bad-ref',
        `ref() takes 1 or 2 arguments, got ${names.length}`,
        "use ref('model') or ref('package', 'model')",
      );
    const [pkg, name] = names.length === 2 ? [names[0], names[1]!] : [undefined, names[0]!];
    const pinned = kwargs.v ?? kwargs.version;
    const version = pinned === undefined || pinned === null ? undefined : String(pinned);
    const call = { pkg, name, ...(version === undefined ? {} : { version }) };
    const c = cur();
    if (!c.capture.refs.some((r) => refCallKey(r) === refCallKey(call))) c.capture.refs.push(call);
    return graphRelation({ kind: 'ref', caller: c.target.packageName, ...call });
  };

  const source = (...args: Args) => {
    const { positional } = splitArgs(args);
    if (positional.length !== 2)
      fail(
        'bad-source',
        `source() takes 2 arguments, got ${positional.length}`,
        "use source('source_name', 'table_name')",
      );
    const [src, table] = positional.map(String) as [string, string];
    const c = cur();
    if (!c.capture.sources.some((s) => s.source === src && s.table === table))
      c.capture.sources.push({ source: src, table });
    return graphRelation({ kind: 'source', caller: c.target.packageName, source: src, table });
  };

  const varFn = (...args: Args) => {
    const { positional } = splitArgs(args);
    const name = String(positional[0]);
    const c = cur();
    const overridden = c.overrides?.vars;
    if (overridden && Object.hasOwn(overridden, name)) return renderVarValue(overridden[name]);
    const found = options.vars(name, c.target.packageName);
    if (found.found) {
      c.capture.vars[name] = JSON.stringify(found.value ?? null);
      return renderVarValue(found.value);
    }
    if (positional.length >= 2) {
      c.capture.vars[name] = null;
      return positional[1];
    }
    return fail(
      'missing-var',
      `required var '${name}' is not set for ${c.target.uniqueId}`,
      `set it under vars: in project.yml, pass --vars '{${name}: …}', or give var('${name}', default) a default`,
    );
  };

  // dbt renders a string var in the caller's context, so a package can be pointed at a relation
  // with `my_table: "{{ source('segment', 'pages') }}"`.
  const renderVarValue = (value: unknown): unknown =>
    typeof value === 'string' && /\{\{|\{%/.test(value) ? env.renderString(value, {}) : value;

  const config = Object.assign(
    (...args: Args) => {
      const { positional, kwargs } = splitArgs(args);
      const values = {
        ...(positional[0] && typeof positional[0] === 'object' ? (positional[0] as object) : {}),
        ...kwargs,
      };
      const c = cur();
      c.capture.configCalls.push(values);
      Object.assign(c.configSoFar, values);
      return '';
    },
    {
      get: (key: string, fallback?: unknown) => cur().configSoFar[key] ?? fallback ?? null,
      require: (key: string) => {
        const v = cur().configSoFar[key];
        if (v === undefined)
          fail('missing-config', `config '${key}' is required by ${cur().target.uniqueId}`);
        return v;
      },
      set: configSet((values): unknown => config(values)),
    },
  );

  const envVar = (...args: Args) => {
    const { positional } = splitArgs(args);
    const name = String(positional[0]);
    if (isSecretEnvVar(name)) {
      return fail(
        'secret-env-var',
        `env var '${name}' is a secret: secret variables can be read only in profiles.yml`,
        `read it in profiles.yml (e.g. password: "{{ env_var('${name}') }}"), or rename it without the ${SECRET_ENV_PREFIXES.join(' / ')} prefix if it is not a secret`,
      );
    }
    const overridden = state.current?.overrides?.envVars;
    if (overridden && Object.hasOwn(overridden, name)) return overridden[name];
    const value = options.env[name];
    const c = state.current;
    if (c) c.capture.envVars[name] = envDigest(value);
    if (value !== undefined) return value;
    if (positional.length >= 2) return positional[1];
    return fail(
      'missing-env-var',
      `env var '${name}' is not set and env_var() was given no default`,
      `export ${name}=… or call env_var('${name}', 'default')`,
    );
  };

  const target = new Proxy(options.target as Record<string, unknown>, {
    get(t, key) {
      if (state.current) state.current.capture.usedTarget = true;
      return t[key as string];
    },
  });

  const volatile = <T>(value: T): T => {
    if (state.current) state.current.capture.volatile = true;
    return value;
  };

  const dispatch = (name: string, namespace?: string) => {
    const search = searchOrder(namespace);
    const prefixes = [...options.dialect.dispatchOrder, 'default'];
    for (const pkg of search) {
      for (const prefix of prefixes) {
        const m =
          macros.get(pkg, `${prefix}__${name}`) ??
          (prefix === 'default'
            ? undefined
            : macros.get(INTERNAL_PACKAGE, shimName(prefix, pkg, name)));
        if (m) return m.fn;
      }
    }
    // A bare dispatch also reaches any package, so package macros work without dispatch: config.
    if (!namespace) {
      for (const prefix of prefixes) {
        const m = macros.resolve(`${prefix}__${name}`);
        if (m) return m.fn;
      }
    }
    return fail(
      'dispatch-not-found',
      `adapter.dispatch('${name}'${namespace ? `, '${namespace}'` : ''}) found no macro among ${prefixes.map((p) => `${p}__${name}`).join(', ')}`,
      `define one of them (default__${name} works for every adapter) in macros/`,
    );
  };

  const searchOrder = (namespace: string | undefined): string[] => {
    const configured = options.dispatch.find((d) => d.macro_namespace === namespace)?.search_order;
    const base = configured ?? (namespace ? [namespace] : [options.rootProject]);
    return [...base, INTERNAL_PACKAGE];
  };

  /** dbt's `log(msg, info=False)`; a just-in-time render hands it to its runner. */
  const say = (message: string, info: boolean) => {
    state.current?.capture.logs.push(message);
    state.current?.jit?.warehouse.log?.(message, info);
  };
  const log = (...args: Args) => {
    const { positional, kwargs } = splitArgs(args);
    say(String(positional[0]), truthy(positional[1] ?? kwargs.info ?? false));
    return '';
  };

  const api = { Relation: relationApi(style), Column: values.columnApi };
  const globals: Record<string, unknown> = {
    ref,
    source,
    var: varFn,
    config,
    env_var: envVar,
    target,
    is_incremental: () => {
      const c = cur();
      c.capture.usedThis = true;
      return c.isIncremental;
    },
    project_name: options.rootProject,
    log,
    print: (...args: Args) => {
      say(args.map((a) => pyStr(a)).join(' '), true);
      return '';
    },
    return: (value: unknown) => {
      throw new MacroReturn(value);
    },
    exceptions: {
      raise_compiler_error: (message: unknown) => fail('compiler-error', String(message)),
      raise_not_implemented: (message: unknown) => fail('not-implemented', String(message)),
      warn: (message: unknown) => say(`warning: ${String(message)}`, true),
    },
    adapter: {
      dispatch,
      type: () => options.target.type,
      quote: (id: string) => quoteWith(options.dialect.quoteCharacter, String(id)),
      quote_as_configured: (id: string, part: string) =>
        quotePolicy[part as keyof typeof quotePolicy] === false
          ? String(id)
          : quoteWith(options.dialect.quoteCharacter, String(id)),
      quote_seed_column: (column: string, quoteConfig: unknown) =>
        quoteConfig === false
          ? String(column)
          : quoteWith(options.dialect.quoteCharacter, String(column)),
      // dbt's adapter also carries the classes (`adapter.Relation.create(…)`).
      Relation: api.Relation,
      Column: api.Column,
      ...warehouseMethods({
        style,
        values,
        warehouse: () => state.current?.jit?.warehouse,
        markIntrospective,
        executing: () => state.current?.execute === true,
        // Catalog names are matched case-insensitively, as dbt's relation cache matches them.
        fold: (name) => name.toLowerCase(),
      }),
    },
    api,
    store_result: (...args: Args) => {
      const { positional, kwargs } = splitArgs(args);
      const name = String(positional[0] ?? kwargs.name);
      const response = positional[1] ?? kwargs.response;
      const table = positional[2] ?? kwargs.agate_table;
      cur().results.set(name, values.statementResult(response, table));
      return '';
    },
    load_result: (name: unknown) => state.current?.results.get(String(name)) ?? null,
    builtins: { ref, source, config },
    ...dbtHelpers((message) => fail('compiler-error', message)),
  };
  for (const [name, value] of Object.entries(globals)) env.addGlobal(name, value);

  // `execute` read while parsing marks the node: its run-time render may differ (dbt's guard).
  Object.defineProperty(env.globals, 'execute', {
    enumerable: true,
    get: () => {
      const c = state.current;
      if (!c) return false;
      if (!c.execute) c.capture.introspective = true;
      return c.execute;
    },
  });
  // `graph` is dbt's flat graph: empty while parsing, so a render that reads it then is
  // rendered again at run time, with the whole project.
  Object.defineProperty(env.globals, 'graph', {
    enumerable: true,
    get: () => {
      const c = state.current;
      if (c && !c.execute) c.capture.introspective = true;
      return (c?.execute ? state.graph?.() : undefined) ?? emptyFlatGraph();
    },
  });
  Object.defineProperty(env.globals, 'this', {
    enumerable: true,
    get: () => {
      if (state.current) state.current.capture.usedThis = true;
      return graphRelation({ kind: 'this' });
    },
  });

  // Read on each access, so only renders that use them become volatile (never cached).
  Object.defineProperty(env.globals, 'run_started_at', {
    enumerable: true,
    get: () => volatile(utcDatetime(options.runStartedAt)),
  });
  Object.defineProperty(env.globals, 'invocation_id', {
    enumerable: true,
    get: () => volatile(options.invocationId),
  });
}

function quoteWith(q: string, id: string): string {
  return `${q}${id.replaceAll(q, q + q)}${q}`;
}
