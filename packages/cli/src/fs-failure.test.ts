import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_INTERNAL_ERROR, EXIT_USER_ERROR, reportFailure } from './failure';
import { describeFileSystemError } from './fs-failure';
import { createReporter } from './reporter';
import { captureIO } from './test-io';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/** Node's error for a read the permissions refuse (chmod cannot refuse root, who runs CI). */
function permissionDenied(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EACCES: permission denied, open '${path}'`), {
    errno: -13,
    code: 'EACCES',
    syscall: 'open',
    path,
  });
}

describe('filesystem errors are the user’s to fix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsmodel-fs-failure-'));
  writeFileSync(join(dir, 'a-file'), '');

  it('names the path, what failed and the fix', () => {
    expect(describeFileSystemError(permissionDenied('/p/models/b.sql'))).toBe(
      'cannot open /p/models/b.sql: EACCES: permission denied — give the user running tsmodel permission to it (chmod/chown), or run as its owner',
    );
    expect(
      describeFileSystemError(
        thrownBy(() => mkdirSync(join(dir, 'a-file', 'db'), { recursive: true })),
      ),
    ).toBe(
      `cannot create the folder ${join(dir, 'a-file', 'db')}: ENOTDIR: not a directory — a file is where a folder is expected: move the file away or choose another path`,
    );
  });

  it('exits 1 with that message, not "internal error"', () => {
    const io = captureIO('/');
    const reporter = createReporter(io, {
      logFormat: 'text',
      color: false,
      quiet: false,
      debug: false,
    });
    expect(reportFailure(reporter, permissionDenied('/p/models/b.sql'), false)).toBe(
      EXIT_USER_ERROR,
    );
    expect(io.err.join('')).toMatch(/^error: cannot open \/p\/models\/b\.sql: EACCES/);
    expect(io.err.join('')).not.toContain('internal error');
  });

  it('an error without a path, or a code that is not about files, is still a bug', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    });
    expect(describeFileSystemError(refused)).toBeUndefined();
    expect(describeFileSystemError(new TypeError('x is undefined'))).toBeUndefined();
    const io = captureIO('/');
    const reporter = createReporter(io, {
      logFormat: 'text',
      color: false,
      quiet: false,
      debug: false,
    });
    expect(reportFailure(reporter, refused, false)).toBe(EXIT_INTERNAL_ERROR);
  });
});
