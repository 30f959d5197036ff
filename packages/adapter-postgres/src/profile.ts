import * as z from 'zod';
import { TsmodelError, type TargetConfig } from '@tsmodel/core';

/** `env_var()` renders to a string, so numeric keys accept digit strings as dbt does. */
const integer = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)], {
  error: 'expected a whole number',
});

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

const postgresProfileSchema = z
  .object({
    host: z.string().min(1).default('localhost'),
    port: integer.optional(),
    user: z.string().min(1),
    password: z.union([z.string(), z.number().transform(String)]).optional(),
    pass: z.union([z.string(), z.number().transform(String)]).optional(),
    dbname: z.string().min(1).optional(),
    database: z.string().min(1).optional(),
    schema: z.string().min(1),
    sslmode: z.enum(SSL_MODES).optional(),
    connect_timeout: integer.default(10),
    keepalives_idle: integer.optional(),
    search_path: z.string().min(1).optional(),
    role: z.string().min(1).optional(),
    application_name: z.string().min(1).default('tsmodel'),
    lock_timeout: integer.default(60),
  })
  .refine((p) => p.dbname !== undefined || p.database !== undefined, {
    message: 'dbname (or database) is required',
    path: ['dbname'],
  });

/** A validated postgres/redshift target: what `pg` needs to open a session, plus the session setup. */
export interface PostgresProfile {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  schema: string;
  sslmode?: (typeof SSL_MODES)[number];
  /** Seconds to wait for a connection (dbt-postgres default 10). */
  connectTimeout: number;
  /** Seconds of idle before TCP keepalives start; unset keeps the OS default. */
  keepalivesIdle?: number;
  /** `set search_path` on every connection, as dbt-postgres does. */
  searchPath?: string;
  /** `set role` on every connection. */
  role?: string;
  /**
   * Prefix of every session's application_name, `<prefix>/<invocation id>`: how a run recognizes
   * the orphaned sessions of a killed one.
   */
  applicationName: string;
  /**
   * Seconds a statement may wait for a lock (`lock_timeout`; 0 waits for ever). A rename waiting
   * behind a long query queues every new reader of the table behind it, so the wait is bounded
   * and its error names the blocking session.
   */
  lockTimeout: number;
}

/**
 * The keys of a dbt-postgres (or dbt-redshift password-auth) target. `threads` stays the number
 * of tsmodel workers and is read by the runner.
 */
export function parsePostgresProfile(target: TargetConfig, defaultPort: number): PostgresProfile {
  const parsed = postgresProfileSchema.safeParse(target);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TsmodelError({
      code: 'invalid-profile',
      message: `invalid ${target.type} target '${target.name}': ${issue.path.join('.') || 'target'}: ${issue.message}`,
      hint:
        `${target.type} targets take host, port, user, password, dbname, schema, and optionally ` +
        `sslmode (${SSL_MODES.join('|')}), connect_timeout, keepalives_idle, search_path, role, application_name, lock_timeout (seconds)`,
    });
  }
  const p = parsed.data;
  return {
    host: p.host,
    port: p.port ?? defaultPort,
    user: p.user,
    password: p.password ?? p.pass,
    database: (p.dbname ?? p.database)!,
    schema: p.schema,
    sslmode: p.sslmode,
    connectTimeout: p.connect_timeout,
    keepalivesIdle: p.keepalives_idle,
    searchPath: p.search_path,
    role: p.role,
    applicationName: p.application_name,
    lockTimeout: p.lock_timeout,
  };
}
