import { CompileErrors, TsmodelError } from '@tsmodel/core';
import { describe, expect, it } from 'vitest';
import {
  EXIT_INTERNAL_ERROR,
  EXIT_USER_ERROR,
  isCompileErrors,
  isTsmodelError,
  reportFailure,
} from './failure';
import { createReporter } from './reporter';
import { captureIO } from './test-io';

function reporter() {
  const io = captureIO('/');
  return {
    io,
    reporter: createReporter(io, { logFormat: 'text', color: false, quiet: false, debug: false }),
  };
}

const unknownRef = new TsmodelError({
  code: 'unknown-ref',
  message: "unknown ref 'sesions'",
  location: { file: 'models/a.sql', line: 3, column: 14 },
  hint: "did you mean 'sessions'?",
});

describe('reportFailure', () => {
  it('recognises core errors by shape', () => {
    expect(isTsmodelError(unknownRef)).toBe(true);
    expect(isTsmodelError(new Error('x'))).toBe(false);
    expect(isCompileErrors(new CompileErrors([unknownRef]))).toBe(true);
    expect(isCompileErrors(unknownRef)).toBe(false);
  });

  it('prints a user error located, with its hint, and exits 1', () => {
    const { io, reporter: r } = reporter();
    expect(reportFailure(r, unknownRef, false)).toBe(EXIT_USER_ERROR);
    expect(io.err.join('')).toBe(
      "error: models/a.sql:3:14 unknown ref 'sesions' — did you mean 'sessions'?\n",
    );
  });

  it('prints every compile problem, then the count', () => {
    const { io, reporter: r } = reporter();
    const other = new TsmodelError({ code: 'cycle', message: 'cycle a -> b -> a' });
    expect(reportFailure(r, new CompileErrors([unknownRef, other]), false)).toBe(EXIT_USER_ERROR);
    const lines = io.err.join('').trimEnd().split('\n');
    expect(lines).toEqual([
      "error: models/a.sql:3:14 unknown ref 'sesions' — did you mean 'sessions'?",
      'error: cycle a -> b -> a',
      'error: 2 errors; nothing was written',
    ]);
  });

  it('treats an internal TsmodelError and plain errors as bugs (exit 2)', () => {
    const { io, reporter: r } = reporter();
    const internal = new TsmodelError({
      code: 'bug',
      message: 'graph lost a node',
      kind: 'internal',
    });
    expect(reportFailure(r, internal, false)).toBe(EXIT_INTERNAL_ERROR);
    expect(reportFailure(r, 'a string', false)).toBe(EXIT_INTERNAL_ERROR);
    const text = io.err.join('');
    expect(text).toContain('internal error — this is a bug, please report it: graph lost a node');
    expect(text).toContain('please report it: a string');
  });
});
