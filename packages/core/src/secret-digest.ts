import { createHash } from 'node:crypto';

/*
 * Kept apart from secrets.ts, which the CLI loads on every start: node:crypto costs a start
 * that only compiling needs.
 */

/** A change detector for a value that may hold secrets: a digest, never the value itself. */
export function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** An environment variable's value as the parse cache records it (`null` when unset). */
export function envDigest(value: string | undefined): string | null {
  return value === undefined ? null : digest(value);
}
