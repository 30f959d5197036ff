import type { ConnectionOptions } from 'snowflake-sdk';
import type { SnowflakeProfile } from './profile';

/** snowflake-sdk's name for each dbt-snowflake authenticator. */
const SDK_AUTHENTICATOR: Record<string, string> = {
  snowflake: 'SNOWFLAKE',
  externalbrowser: 'EXTERNALBROWSER',
  oauth: 'OAUTH',
  username_password_mfa: 'USERNAME_PASSWORD_MFA',
  snowflake_jwt: 'SNOWFLAKE_JWT',
};

/**
 * The `snowflake.createConnection` options for a profile: the one place dbt-snowflake's keys
 * meet the driver's. Only the secrets the authenticator uses are passed on, so a password left
 * in a key-pair profile never reaches the wire.
 */
export function connectionOptions(
  profile: SnowflakeProfile,
  application = 'tsmodel',
): ConnectionOptions {
  const auth = profile.authenticator;
  const credentials: Partial<ConnectionOptions> =
    auth === 'snowflake_jwt'
      ? {
          ...(profile.privateKey !== undefined ? { privateKey: pemKey(profile.privateKey) } : {}),
          ...(profile.privateKeyPath !== undefined
            ? { privateKeyPath: profile.privateKeyPath }
            : {}),
          ...(profile.privateKeyPassphrase !== undefined
            ? { privateKeyPass: profile.privateKeyPassphrase }
            : {}),
        }
      : auth === 'oauth'
        ? { token: profile.token! }
        : auth === 'externalbrowser'
          ? {}
          : {
              password: profile.password!,
              // Duo push once, then the cached MFA token (dbt-snowflake's behaviour).
              ...(auth === 'username_password_mfa' ? { clientRequestMFAToken: true } : {}),
            };
  return {
    account: profile.account,
    username: profile.user,
    authenticator: auth.startsWith('https://') ? auth : SDK_AUTHENTICATOR[auth]!,
    ...credentials,
    database: profile.database,
    schema: profile.schema,
    ...(profile.role !== undefined ? { role: profile.role } : {}),
    ...(profile.warehouse !== undefined ? { warehouse: profile.warehouse } : {}),
    ...(profile.queryTag !== undefined ? { queryTag: profile.queryTag } : {}),
    clientSessionKeepAlive: profile.clientSessionKeepAlive,
    // Milliseconds a request may go unanswered, and how often a failed login (network errors,
    // 5xx, 429 only) is tried again.
    timeout: profile.connectTimeout * 1000,
    sfRetryMaxLoginRetries: profile.connectRetries,
    application,
    ...(profile.host !== undefined ? { accessUrl: accessUrl(profile, profile.host) } : {}),
  };
}

/** dbt-snowflake's `host`/`port`/`protocol` as the driver's single endpoint URL. */
function accessUrl(profile: SnowflakeProfile, host: string): string {
  const port = profile.port !== undefined ? `:${profile.port}` : '';
  return `${profile.protocol ?? 'https'}://${host}${port}`;
}

/**
 * dbt-snowflake accepts `private_key` as PEM or as the base64 body alone (how it is usually
 * kept in an env var); the driver wants PEM.
 */
export function pemKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed.startsWith('-----BEGIN')) return trimmed;
  const body = trimmed
    .replace(/\s+/g, '')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
}
