import { createHash } from 'node:crypto';
import type pg from 'pg';
import { TsmodelError } from '@tsmodel/core';
import type { AdapterNotice, RunLock } from '@tsmodel/core/adapter';
import { BACKEND_COLUMNS, describeBackend, type BackendInfo } from './backend-info';

/**
 * First key of every tsmodel advisory lock (`pg_advisory_lock(int4, int4)`), so ours are told
 * apart from an application's own advisory locks in `pg_locks` (`classid`).
 */
export const RUN_LOCK_NAMESPACE = 0x74736d64;

/** Second key: the schema, hashed to 31 bits (pg_locks shows it as a non-negative `objid`). */
export function schemaLockKey(database: string, schema: string): number {
  return createHash('sha256').update(`${database}.${schema}`).digest().readUInt32BE(0) & 0x7fffffff;
}

export interface RunLockOptions {
  /** The dedicated session that holds the lock for the run; closed on release. */
  client: pg.Client;
  database: string;
  schemas: string[];
  wait: boolean;
  signal?: AbortSignal;
  /** Asks the server to cancel the waiting statement of the lock session (Ctrl-C). */
  cancel: () => Promise<void>;
  notify: (notice: AdapterNotice) => void;
}

/**
 * A session-level advisory lock per target schema, taken in a fixed order (so two runs on
 * overlapping schema sets cannot deadlock) on a session that does nothing else. It lives as long
 * as that session: a killed run's lock goes with its connection, never left behind.
 */
export async function acquireRunLock(options: RunLockOptions): Promise<RunLock> {
  const { client, database, notify } = options;
  const keys = [...new Set(options.schemas)]
    .map((schema) => ({ schema, key: schemaLockKey(database, schema) }))
    .sort((a, b) => a.key - b.key);
  const release = async () => {
    await client.end().catch(() => undefined);
  };
  try {
    // Waiting for another run is not a lock timeout: the server's or role's lock_timeout must
    // not end it.
    await client.query('set lock_timeout = 0');
    for (const { schema, key } of keys) {
      const [got] = (
        await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', [
          RUN_LOCK_NAMESPACE,
          key,
        ])
      ).rows;
      if (got?.ok) continue;
      const holder = await lockHolder(client, key);
      const who = holder ? describeBackend(holder) : 'a session that has just ended';
      if (!options.wait) {
        throw new TsmodelError({
          code: 'run-locked',
          message: `another tsmodel run is writing schema ${schema}: ${who}; not waiting (--no-wait)`,
          hint: 'run again when it has finished, or without --no-wait to wait for it',
        });
      }
      notify({
        level: 'warn',
        code: 'run-lock-wait',
        message: `Waiting for another tsmodel run writing schema ${schema} to finish: ${who} (Ctrl-C to stop; --no-wait fails instead)`,
      });
      await waitForLock(options, key);
      notify({ level: 'info', code: 'run-lock-acquired', message: `Schema ${schema} is free` });
    }
  } catch (error) {
    await release();
    throw error;
  }
  return { release };
}

async function waitForLock(options: RunLockOptions, key: number): Promise<void> {
  const onAbort = () => void options.cancel().catch(() => undefined);
  options.signal?.addEventListener('abort', onAbort);
  try {
    if (options.signal?.aborted) throw cancelled();
    await options.client.query('select pg_advisory_lock($1, $2)', [RUN_LOCK_NAMESPACE, key]);
  } catch (error) {
    if (options.signal?.aborted) throw cancelled();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function cancelled(): TsmodelError {
  return new TsmodelError({
    code: 'cancelled',
    message: 'cancelled while waiting for another tsmodel run to finish',
    hint: 'nothing was changed; run again later',
  });
}

async function lockHolder(client: pg.Client, key: number): Promise<BackendInfo | undefined> {
  const { rows } = await client.query<BackendInfo>(
    `select ${BACKEND_COLUMNS}
     from pg_locks l
     join pg_stat_activity a on a.pid = l.pid
     where l.locktype = 'advisory' and l.granted and l.objsubid = 2
       and l.database = (select oid from pg_database where datname = current_database())
       and l.classid = $1 and l.objid = $2
     limit 1`,
    [RUN_LOCK_NAMESPACE, key],
  );
  return rows[0];
}
