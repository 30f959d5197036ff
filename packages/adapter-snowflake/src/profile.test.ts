import { describe, expect, it } from 'vitest';
import { TsmodelError, type TargetConfig } from '@tsmodel/core';
import { connectionOptions, pemKey } from './connection-options';
import { parseSnowflakeProfile } from './profile';

const target = (keys: Record<string, unknown>): TargetConfig =>
  ({
    type: 'snowflake',
    name: 'dev',
    profile_name: 'p',
    threads: 4,
    account: 'acme-eu1',
    user: 'loader',
    database: 'analytics',
    schema: 'dbt_dev',
    ...keys,
  }) as TargetConfig;

const options = (keys: Record<string, unknown>) =>
  connectionOptions(parseSnowflakeProfile(target(keys)));

function problem(keys: Record<string, unknown>): TsmodelError {
  try {
    parseSnowflakeProfile(target(keys));
  } catch (e) {
    return e as TsmodelError;
  }
  throw new Error('expected the profile to be rejected');
}

describe('snowflake profile → snowflake-sdk createConnection options', () => {
  it('maps a password target with every session key', () => {
    expect(
      options({
        password: 'pw',
        role: 'transformer',
        warehouse: 'transforming',
        query_tag: 'nightly',
        client_session_keep_alive: 'true',
        connect_timeout: '30',
      }),
    ).toEqual({
      account: 'acme-eu1',
      username: 'loader',
      authenticator: 'SNOWFLAKE',
      password: 'pw',
      database: 'analytics',
      schema: 'dbt_dev',
      role: 'transformer',
      warehouse: 'transforming',
      queryTag: 'nightly',
      clientSessionKeepAlive: true,
      timeout: 30_000,
      sfRetryMaxLoginRetries: 1,
      application: 'tsmodel',
    });
  });

  it('uses a key pair whatever authenticator says, and passes no password with it', () => {
    const o = options({
      password: 'left over',
      private_key_path: '/keys/rsa.p8',
      private_key_passphrase: 'secret',
    });
    expect(o).toMatchObject({
      authenticator: 'SNOWFLAKE_JWT',
      privateKeyPath: '/keys/rsa.p8',
      privateKeyPass: 'secret',
    });
    expect(o.password).toBeUndefined();
    const inline = options({ private_key: 'MIIB' + 'A'.repeat(70) });
    expect(inline.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\nMIIBA{60}\nA{10}\n-----END/);
  });

  it('maps oauth, browser SSO, MFA and Okta', () => {
    expect(options({ authenticator: 'oauth', token: 't0k' })).toMatchObject({
      authenticator: 'OAUTH',
      token: 't0k',
    });
    const browser = options({ authenticator: 'externalbrowser' });
    expect(browser.authenticator).toBe('EXTERNALBROWSER');
    expect(browser.password).toBeUndefined();
    expect(options({ authenticator: 'username_password_mfa', password: 'pw' })).toMatchObject({
      authenticator: 'USERNAME_PASSWORD_MFA',
      clientRequestMFAToken: true,
    });
    expect(options({ authenticator: 'https://acme.okta.com', password: 'pw' }).authenticator).toBe(
      'https://acme.okta.com',
    );
  });

  it('turns host/port/protocol into the driver’s access URL', () => {
    expect(
      options({ password: 'p', host: 'acme.privatelink.snowflakecomputing.com', port: 8443 })
        .accessUrl,
    ).toBe('https://acme.privatelink.snowflakecomputing.com:8443');
  });

  it('keeps a PEM key as it is', () => {
    const pem = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nabc\n-----END ENCRYPTED PRIVATE KEY-----';
    expect(pemKey(`  ${pem}\n`)).toBe(pem);
  });
});

describe('snowflake profile validation', () => {
  it('names the missing or bad key, never a secret value', () => {
    expect(problem({ password: 'hunter2', account: undefined }).message).toBe(
      "invalid snowflake target 'dev': account: Invalid input: expected string, received undefined",
    );
    expect(problem({}).message).toContain('password: is required with authenticator snowflake');
    expect(problem({ authenticator: 'oauth' }).message).toContain(
      'token: is required with authenticator oauth',
    );
    const bad = problem({ authenticator: 'kerberos', password: 'hunter2' });
    expect(bad.code).toBe('invalid-profile');
    expect(bad.message).toContain('authenticator');
    expect(bad.message + bad.hint).not.toContain('hunter2');
    expect(problem({ private_key: 'a', private_key_path: '/k' }).message).toContain(
      'give private_key or private_key_path, not both',
    );
    expect(problem({ password: 'p', connect_retries: 'many' }).message).toContain(
      'connect_retries: expected a whole number',
    );
  });

  it('defaults as dbt-snowflake does', () => {
    expect(parseSnowflakeProfile(target({ password: 'p' }))).toMatchObject({
      authenticator: 'snowflake',
      clientSessionKeepAlive: false,
      connectRetries: 1,
      connectTimeout: 10,
      reuseConnections: true,
    });
  });
});
