import { closeSync, existsSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** DuckDB writes `DUCK` at byte 8 of every database file; SQLite files start with this. */
const DUCKDB_MAGIC = Buffer.from('DUCK');
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0');
/** Names that are databases (or their journals) even before the first checkpoint writes a header. */
const DATABASE_NAME = /\.(duckdb|ddb|db|sqlite3?)(\.wal)?$|\.wal$/i;
/** What tsmodel itself writes under target/ (compiled SQL, JSON artifacts): never opened to sniff. */
const ARTIFACT_NAME = /\.(sql|json|md|csv|tmp)$/i;

/**
 * Database files under `path` (itself included), found by name and by header: what a user's
 * warehouse looks like on disk, so `clean` can refuse to delete one by accident.
 */
export function findDatabaseFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return isDatabaseFile(path) ? [path] : [];
  const found: string[] = [];
  for (const entry of readdirSync(path, { recursive: true, encoding: 'utf8' })) {
    const file = join(path, entry);
    if (statSync(file).isFile() && isDatabaseFile(file)) found.push(file);
  }
  return found.sort();
}

function isDatabaseFile(file: string): boolean {
  if (DATABASE_NAME.test(file)) return true;
  if (ARTIFACT_NAME.test(file)) return false;
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    const n = readSync(fd, head, 0, 16, 0);
    return (
      (n >= 12 && head.subarray(8, 12).equals(DUCKDB_MAGIC)) ||
      (n >= 16 && head.equals(SQLITE_MAGIC))
    );
  } finally {
    closeSync(fd);
  }
}
