import * as z from 'zod';
import { TsmodelError, type TargetConfig } from '@tsmodel/core';

/** `env_var()` renders to a string, so numeric and boolean keys accept their spellings as dbt does. */
const integer = z.union([z.number().int().min(0), z.string().regex(/^\d+$/).transform(Number)], {
  error: 'expected a whole number',
});
const boolean = z.union(
  [
    z.boolean(),
    z.enum(['true', 'false', 'True', 'False']).transform((v) => v.toLowerCase() === 'true'),
  ],
  { error: 'expected true or false' },
);
const text = z.string().min(1);
const secret = z.union([z.string().min(1), z.number().transform(String)]);

export const AUTHENTICATORS = [
  'snowflake',
  'externalbrowser',
  'oauth',
  'username_password_mfa',
  'snowflake_jwt',
] as const;

const snowflakeProfileSchema = z
  .object({
    account: text,
    user: text,
    password: secret.optional(),
    authenticator: z
      .string()
      .transform((a) => a.toLowerCase())
      .pipe(z.union([z.enum(AUTHENTICATORS), z.string().regex(/^https:\/\/[^/]+\.okta\.com\/?$/)]))
      .optional(),
    token: secret.optional(),
    private_key: secret.optional(),
    private_key_path: text.optional(),
    private_key_passphrase: secret.optional(),
    role: text.optional(),
    warehouse: text.optional(),
    database: text,
    schema: text,
    query_tag: text.optional(),
    client_session_keep_alive: boolean.default(false),
    connect_retries: integer.default(1),
    connect_timeout: integer.default(10),
    reuse_connections: boolean.default(true),
    host: text.optional(),
    port: integer.optional(),
    protocol: z.enum(['https', 'http']).optional(),
  })
  .superRefine((p, issues) => {
    const auth = authenticatorOf(p);
    const need = (key: 'password' | 'token', why: string) => {
      if (p[key] === undefined) issues.addIssue({ code: 'custom', path: [key], message: why });
    };
    if (auth === 'snowflake' || auth === 'username_password_mfa')
      need('password', `is required with authenticator ${auth}`);
    if (auth === 'oauth') need('token', 'is required with authenticator oauth');
    if (auth.startsWith('https://')) need('password', 'is required with an Okta authenticator');
    if (p.private_key !== undefined && p.private_key_path !== undefined)
      issues.addIssue({
        code: 'custom',
        path: ['private_key'],
        message: 'give private_key or private_key_path, not both',
      });
    if (p.private_key_passphrase !== undefined && auth !== 'snowflake_jwt')
      issues.addIssue({
        code: 'custom',
        path: ['private_key_passphrase'],
        message: 'needs private_key or private_key_path',
      });
  });

type ParsedProfile = z.infer<typeof snowflakeProfileSchema>;
export type Authenticator = (typeof AUTHENTICATORS)[number] | `https://${string}`;

/** A key pair means JWT whatever `authenticator` says, as in dbt-snowflake. */
function authenticatorOf(
  p: Pick<ParsedProfile, 'authenticator' | 'private_key' | 'private_key_path'>,
): Authenticator {
  if (p.private_key !== undefined || p.private_key_path !== undefined) return 'snowflake_jwt';
  return (p.authenticator ?? 'snowflake') as Authenticator;
}

/** A validated dbt-snowflake target. `threads` stays the number of tsmodel workers. */
export interface SnowflakeProfile {
  account: string;
  user: string;
  authenticator: Authenticator;
  password?: string;
  token?: string;
  privateKey?: string;
  privateKeyPath?: string;
  privateKeyPassphrase?: string;
  role?: string;
  warehouse?: string;
  database: string;
  schema: string;
  /** The session's `query_tag`; a model's `query_tag` config replaces it while the model runs. */
  queryTag?: string;
  clientSessionKeepAlive: boolean;
  /** Extra login attempts after a network failure (the driver's `sfRetryMaxLoginRetries`). */
  connectRetries: number;
  /** Seconds to wait for a login. */
  connectTimeout: number;
  /** Keep each worker's session for the whole invocation (dbt's `reuse_connections`). */
  reuseConnections: boolean;
  /** A host other than `<account>.snowflakecomputing.com` (private link, a local emulator). */
  host?: string;
  port?: number;
  protocol?: 'https' | 'http';
}

/** Keys for the error hint, in dbt-snowflake's order. */
const KEYS =
  'account, user, password, authenticator (snowflake|externalbrowser|oauth|username_password_mfa|https://<okta>), ' +
  'token, private_key or private_key_path, private_key_passphrase, role, warehouse, database, schema, ' +
  'query_tag, client_session_keep_alive, connect_retries, connect_timeout, reuse_connections';

/**
 * dbt-snowflake's target keys, validated before anything connects. The error names the key and
 * never its value (a bad password is not printed).
 */
export function parseSnowflakeProfile(target: TargetConfig): SnowflakeProfile {
  const parsed = snowflakeProfileSchema.safeParse(target);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TsmodelError({
      code: 'invalid-profile',
      message: `invalid snowflake target '${target.name}': ${issue.path.join('.') || 'target'}: ${issue.message}`,
      hint: `snowflake targets take ${KEYS}`,
    });
  }
  const p = parsed.data;
  return {
    account: p.account,
    user: p.user,
    authenticator: authenticatorOf(p),
    ...(p.password !== undefined ? { password: p.password } : {}),
    ...(p.token !== undefined ? { token: p.token } : {}),
    ...(p.private_key !== undefined ? { privateKey: p.private_key } : {}),
    ...(p.private_key_path !== undefined ? { privateKeyPath: p.private_key_path } : {}),
    ...(p.private_key_passphrase !== undefined
      ? { privateKeyPassphrase: p.private_key_passphrase }
      : {}),
    ...(p.role !== undefined ? { role: p.role } : {}),
    ...(p.warehouse !== undefined ? { warehouse: p.warehouse } : {}),
    database: p.database,
    schema: p.schema,
    ...(p.query_tag !== undefined ? { queryTag: p.query_tag } : {}),
    clientSessionKeepAlive: p.client_session_keep_alive,
    connectRetries: p.connect_retries,
    connectTimeout: p.connect_timeout,
    reuseConnections: p.reuse_connections,
    ...(p.host !== undefined ? { host: p.host } : {}),
    ...(p.port !== undefined ? { port: p.port } : {}),
    ...(p.protocol !== undefined ? { protocol: p.protocol } : {}),
  };
}
