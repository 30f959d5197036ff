import type { TargetConfig } from '@tsmodel/core';

/**
 * A `postgres://user:password@host:port/db` URL as a profile target. CI starts a throwaway
 * server and sets TSMODEL_PG_URL (see .ci/run); TSMODEL_REDSHIFT_URL points at a live cluster.
 */
export function targetFromUrl(type: string, url: string, schema: string): TargetConfig {
  const u = new URL(url);
  return {
    type,
    name: 'conformance',
    profile_name: 'conformance',
    threads: 1,
    schema,
    host: decodeURIComponent(u.hostname),
    ...(u.port ? { port: Number(u.port) } : {}),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    dbname: decodeURIComponent(u.pathname.slice(1)),
    ...(u.searchParams.get('sslmode') ? { sslmode: u.searchParams.get('sslmode') } : {}),
  };
}

/**
 * A profiles.yml (JSON is YAML) with one PostgreSQL output `pg` for the server at `url`, for
 * tests that run the CLI on a project: `extra` adds or overrides output keys.
 */
export function profilesYmlFromUrl(
  profile: string,
  url: string,
  schema: string,
  extra: Record<string, unknown> = {},
): string {
  const { name: _name, profile_name: _profile, ...output } = targetFromUrl('postgres', url, schema);
  return JSON.stringify({ [profile]: { target: 'pg', outputs: { pg: { ...output, ...extra } } } });
}
