/**
 * Another server session as `pg_stat_activity` shows it, for messages that say who holds what:
 * "pid 4242 (application_name 'tsmodel/…', query started 12:00:01: 'create table …')".
 */
export interface BackendInfo {
  pid: number;
  application_name: string | null;
  backend_start: Date | null;
  query_start: Date | null;
  state: string | null;
  /** The head of its current (or last) statement. */
  query: string | null;
}

/** The `pg_stat_activity` columns of a BackendInfo, for `select … from pg_stat_activity a`. */
export const BACKEND_COLUMNS = `a.pid, a.application_name, a.backend_start, a.query_start, a.state,
  left(regexp_replace(a.query, '\\s+', ' ', 'g'), 120) as query`;

export function describeBackend(b: BackendInfo): string {
  const parts = [
    `application_name '${b.application_name ?? ''}'`,
    ...(b.backend_start ? [`connected ${iso(b.backend_start)}`] : []),
    ...(b.state ? [b.state] : []),
    ...(b.query_start && b.query ? [`query started ${iso(b.query_start)}: '${b.query}'`] : []),
  ];
  return `pid ${b.pid} (${parts.join(', ')})`;
}

function iso(d: Date): string {
  return d.toISOString();
}
