/**
 * A filesystem error that reached the CLI unexplained (a model file it may not read, a folder
 * it cannot create) is about the user's files or disk, not a tsmodel bug: said as a user error
 * naming the path, what failed and what to do, with exit code 1.
 */

/** What to do, by errno code; a code not listed is not taken for the user's to fix. */
const FIXES: Record<string, string> = {
  EACCES: 'give the user running tsmodel permission to it (chmod/chown), or run as its owner',
  EPERM: 'give the user running tsmodel permission to it (chmod/chown), or run as its owner',
  ENOENT: 'it does not exist: create it, or fix the path or link that names it',
  EISDIR: 'a folder is where a file is expected: move the folder away',
  ENOTDIR: 'a file is where a folder is expected: move the file away or choose another path',
  ELOOP: 'a symbolic link points back to itself: fix the link',
  EROFS: 'the disk is read-only: choose a writable place',
  ENOSPC: 'the disk is full: free space and run again',
  EDQUOT: 'the disk quota is used up: free space and run again',
  EFBIG: 'the file is larger than allowed (ulimit -f): raise the limit and run again',
  EMFILE: 'too many files are open: raise the limit (ulimit -n) and run again',
  ENFILE: 'too many files are open on this system: close some and run again',
};

const VERBS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  rename: 'replace',
  unlink: 'remove',
  rmdir: 'remove',
  scandir: 'list',
  stat: 'read',
  lstat: 'read',
  copyfile: 'copy',
};

/** `cannot read /p/models/a.sql: EACCES: permission denied — give …`, or undefined. */
export function describeFileSystemError(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as NodeJS.ErrnoException;
  const fix = typeof e.code === 'string' ? FIXES[e.code] : undefined;
  if (!fix || typeof e.path !== 'string') return undefined;
  const verb = (e.syscall !== undefined && VERBS[e.syscall]) || 'use';
  // Node's message is `CODE: what, syscall 'path'`: keep `CODE: what`.
  return `cannot ${verb} ${e.path}: ${e.message.split(',')[0]} — ${fix}`;
}
