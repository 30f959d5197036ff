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

/**
 * Publishes `flags` to every template of `env`. Parse renders see {@link DEFAULT_FLAGS}; the
 * runner sets the command's before its first run-time render.
 */
export function setInvocationFlags(
  env: nunjucks.Environment,
  flags: Partial<InvocationFlags> = {},
): void {
  env.addGlobal('flags', Object.freeze({ ...DEFAULT_FLAGS, ...flags }));
}
