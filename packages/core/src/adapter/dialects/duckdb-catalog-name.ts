/** The path that opens a database in memory rather than in a file. */
export const DUCKDB_IN_MEMORY = ':memory:';

/** Names DuckDB keeps for its own catalogs; a file named like one gets `_db` appended. */
const RESERVED_CATALOGS = new Set(['main', 'temp', 'system']);

/**
 * The catalog name DuckDB gives the database it opens at `path`, which is what dbt-duckdb sets
 * `target.database` to and what fully qualified names (`"db"."schema"."t"`) must say: `memory`
 * in memory, else the file name up to its first dot (`/data/dev.duckdb` → `dev`,
 * `a.b.duckdb` → `a`), with `_db` appended to a reserved name (`main.duckdb` → `main_db`).
 *
 * Known before any connection, so `compile` names relations exactly as a run will; the
 * adapter checks the opened database's `current_database()` against it.
 */
export function duckdbCatalogName(path: string | undefined): string {
  if (path === undefined || path === '' || path === DUCKDB_IN_MEMORY) return 'memory';
  const file =
    path
      .split(/[\\/]/)
      .filter((part) => part !== '')
      .pop() ?? path;
  const name = file.split('.').find((part) => part !== '') ?? file;
  return RESERVED_CATALOGS.has(name) ? `${name}_db` : name;
}
