import type nunjucks from 'nunjucks';

/**
 * dbt's `flags` in templates: what the invocation was asked to do. Macros such as
 * `should_full_refresh()` fall back to them when a node does not configure the behaviour.
 */
export interface InvocationFlags {
  /** `--full-refresh`. */
  FULL_REFRESH: boolean;
  /** `--store-failures`. */
  STORE_FAILURES: boolean;
  /** The command: `run`, `build`, `test`, `run-operation`, … */
  WHICH: string;
}

/** What renders see until a command sets its own flags: parse and compile. */
export const DEFAULT_FLAGS: InvocationFlags = {
  FULL_REFRESH: false,
  STORE_FAILURES: false,
  WHICH: 'parse',
};

/** Per environment: told when a template reads `flags` (see {@link watchFlagReads}). */
const readers = new WeakMap<nunjucks.Environment, () => void>();

/**
 * Calls `onRead` whenever a template of `env` reads a flag: a parse render that does is
 * rendered again at run time, when the command's own flags are known (not_null keeps whole
 * rows under `--store-failures` because `should_store_failures()` reads `flags`).
 */
export function watchFlagReads(env: nunjucks.Environment, onRead: () => void): void {
  readers.set(env, onRead);
}

/**
 * Publishes `flags` to every template of `env`. Parse renders see {@link DEFAULT_FLAGS}; the
 * runner sets the command's before its first run-time render.
 */
export function setInvocationFlags(
  env: nunjucks.Environment,
  flags: Partial<InvocationFlags> = {},
): void {
  const values: Record<string, unknown> = { ...DEFAULT_FLAGS, ...flags };
  const view: Record<string, unknown> = {};
  for (const key of Object.keys(values))
    Object.defineProperty(view, key, {
      enumerable: true,
      get: () => {
        readers.get(env)?.();
        return values[key];
      },
    });
  env.addGlobal('flags', Object.freeze(view));
}
