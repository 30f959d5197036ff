import type pg from 'pg';
import type { AdapterNotice } from '@tsmodel/core/adapter';
import { BACKEND_COLUMNS, describeBackend, type BackendInfo } from './backend-info';
import { RUN_LOCK_NAMESPACE } from './run-lock';

/**
 * Sessions a killed tsmodel run left on the server: the client died, but a statement it sent
 * (a table build, a swap) still runs, holding its locks, and would block the next run until it
 * ends. One is ours when its application_name has our prefix (`tsmodel/<invocation>`); it is an
 * orphan when no session of its invocation holds a run lock (a live run holds one for its whole
 * length, and a dead client's idle lock session ends at once); and it is in our way when it
 * writes in one of our schemas — a write lock on a relation there, or a lock on the schema
 * itself (creating a relation). Reads never qualify, so a live `tsmodel show` is left alone.
 */
const ORPHANS_SQL = `
with ours as (
  select oid from pg_namespace where nspname = any($2::text[])
)
select ${BACKEND_COLUMNS}
from pg_stat_activity a
where a.datname = current_database()
  and a.pid <> pg_backend_pid()
  and left(a.application_name, length($1)) = $1
  and exists (
    select 1
    from pg_locks l
    left join pg_class c on l.locktype = 'relation' and c.oid = l.relation
    where l.pid = a.pid
      and (
        (l.locktype = 'relation' and c.relnamespace in (select oid from ours)
          and l.mode not in ('AccessShareLock', 'RowShareLock'))
        or (l.locktype = 'object' and l.classid = 'pg_namespace'::regclass
          and l.objid in (select oid from ours))
      )
  )
  and not exists (
    select 1
    from pg_stat_activity o
    join pg_locks ol on ol.pid = o.pid
    where o.application_name = a.application_name
      and ol.locktype = 'advisory' and ol.granted and ol.classid = $3
  )
order by a.pid`;

export interface OrphanOptions {
  /** `<application_name>/`: the prefix every tsmodel session of this profile carries. */
  prefix: string;
  schemas: string[];
  /** `pg_terminate_backend(pid, timeout)` waits for the session to go (PostgreSQL 14+). */
  serverVersion: number;
  notify: (notice: AdapterNotice) => void;
}

/**
 * Ends our orphaned sessions (called while holding the run lock, so no live run of ours can
 * match): `pg_terminate_backend` rolls back their transaction and frees their locks. Where the
 * server refuses (another role's session), says so; the lock timeout then names it if it blocks.
 */
export async function endOrphans(client: pg.Client, options: OrphanOptions): Promise<number[]> {
  const { rows } = await client.query<BackendInfo>(ORPHANS_SQL, [
    options.prefix,
    options.schemas,
    RUN_LOCK_NAMESPACE,
  ]);
  const ended: number[] = [];
  for (const orphan of rows) {
    const terminate =
      options.serverVersion >= 140000
        ? 'select pg_terminate_backend($1::int, 10000) as ok'
        : 'select pg_terminate_backend($1::int) as ok';
    try {
      const [result] = (await client.query<{ ok: boolean }>(terminate, [orphan.pid])).rows;
      if (!result?.ok) throw new Error('the server did not end it');
      ended.push(orphan.pid);
      options.notify({
        level: 'warn',
        code: 'orphan-ended',
        message: `Ended session ${describeBackend(orphan)}, left running by an interrupted tsmodel run; its transaction was rolled back`,
      });
    } catch (error) {
      options.notify({
        level: 'warn',
        code: 'orphan-not-ended',
        message: `Could not end session ${describeBackend(orphan)}, left running by an interrupted tsmodel run: ${error instanceof Error ? error.message : String(error)}; end it with select pg_terminate_backend(${orphan.pid})`,
      });
    }
  }
  return ended;
}
