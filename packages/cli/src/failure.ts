/**
 * Turns whatever a command threw into printed problems and an exit code: 1 for things the user
 * can fix (a `TsmodelError`/`CompileErrors` of kind `user`, a filesystem error on a path), 2 for
 * bugs. The core classes are
 * recognised by shape, not `instanceof`, so the CLI's startup never has to load core.
 */
import type { CompileErrors, TsmodelError } from '@tsmodel/core';
import { describeFileSystemError } from './fs-failure';
import { plural } from './plural';
import type { Reporter } from './reporter';

export const EXIT_OK = 0;
export const EXIT_USER_ERROR = 1;
export const EXIT_INTERNAL_ERROR = 2;

export function isTsmodelError(err: unknown): err is TsmodelError {
  return (
    err instanceof Error &&
    typeof (err as Partial<TsmodelError>).code === 'string' &&
    typeof (err as Partial<TsmodelError>).format === 'function' &&
    typeof (err as Partial<TsmodelError>).kind === 'string'
  );
}

export function isCompileErrors(err: unknown): err is CompileErrors {
  return (
    err instanceof Error &&
    Array.isArray((err as Partial<CompileErrors>).problems) &&
    (err as CompileErrors).problems.every(isTsmodelError)
  );
}

/** Prints `err` through the reporter and returns the exit code it deserves. */
export function reportFailure(reporter: Reporter, err: unknown, debug: boolean): number {
  if (isCompileErrors(err)) {
    for (const problem of err.problems) reporter.problem('error', problem);
    const n = err.problems.length;
    reporter.error('compile-failed', `${plural(n, 'error')}; nothing was written`, { count: n });
    return err.kind === 'user' ? EXIT_USER_ERROR : EXIT_INTERNAL_ERROR;
  }
  if (isTsmodelError(err) && err.kind === 'user') {
    reporter.problem('error', err);
    return EXIT_USER_ERROR;
  }
  const fsProblem = describeFileSystemError(err);
  if (fsProblem !== undefined) {
    reporter.error('filesystem-error', fsProblem);
    return EXIT_USER_ERROR;
  }
  const message =
    err instanceof Error ? (isTsmodelError(err) ? err.format() : err.message) : String(err);
  const head = `internal error — this is a bug, please report it: ${message}`;
  const stack = err instanceof Error ? err.stack : undefined;
  const detail = debug ? (stack ?? '') : 'run again with --debug to print the stack trace';
  reporter.error('internal-error', `${head}\n${detail}`);
  return EXIT_INTERNAL_ERROR;
}
