import pg from 'pg';

/** OID → type name (`int4`, `text`, `timestamptz`, …) of PostgreSQL's built-in types. */
const NAMES = new Map<number, string>(
  Object.entries(pg.types.builtins).map(([name, oid]) => [oid as number, name.toLowerCase()]),
);

/**
 * The name of a result column's type, as `run_query` tables report it. The wire protocol
 * sends only the OID; built-ins are named without a catalog query per statement, and a
 * user-defined type (an enum, a domain) is reported by its OID rather than guessed.
 */
export function typeName(oid: number): string {
  return NAMES.get(oid) ?? `oid ${oid}`;
}
