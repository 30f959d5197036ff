/**
 * dbt's `private: org/repo` packages: the URL comes from `DBT_ENV_PRIVATE_GIT_PROVIDER_INFO`
 * (a JSON list of `{org, url, token, provider}`, the URL a template with `{token}`, `{repo}`,
 * `{group}`), as dbt platform sets it; without it, the provider's SSH URL, so a developer's
 * own SSH key is used. Tokens are secrets: callers redact {@link privateGitTokens}.
 */
import * as z from 'zod';
import { TsmodelError } from '../diagnostics';
import type { PrivateEntry } from './package-entry';

export const PRIVATE_GIT_ENV = 'DBT_ENV_PRIVATE_GIT_PROVIDER_INFO';

const providerInfo = z.array(
  z.object({
    org: z.string(),
    url: z.string(),
    token: z.string().default(''),
    provider: z.string().optional(),
  }),
);

type Env = Record<string, string | undefined>;

function providers(env: Env): z.infer<typeof providerInfo> {
  const text = env[PRIVATE_GIT_ENV];
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = providerInfo.safeParse(parsed);
  if (!result.success) {
    throw new TsmodelError({
      code: 'private-git-env-invalid',
      message: `${PRIVATE_GIT_ENV} is not a JSON list of {org, url, token, provider}`,
      hint: `fix or unset ${PRIVATE_GIT_ENV}`,
    });
  }
  return result.data;
}

/** The tokens of `DBT_ENV_PRIVATE_GIT_PROVIDER_INFO`, to keep out of every message. */
export function privateGitTokens(env: Env): string[] {
  try {
    return providers(env)
      .map((p) => p.token)
      .filter((t) => t !== '');
  } catch {
    return [];
  }
}

const ADO = ['ado', 'azure_devops', 'azure_active_directory'];

/** The URL to clone for `entry` (may hold a token: never print it). */
export function privateGitUrl(entry: PrivateEntry, env: Env): string {
  const parts = entry.private.split('/');
  const org = parts[0]!;
  const repo = parts[parts.length - 1]!;
  const group = parts.slice(1, -1).join('/');
  const sameProvider = (p: string | undefined) =>
    !entry.provider ||
    p === entry.provider ||
    (ADO.includes(entry.provider) && ADO.includes(p ?? ''));
  const match = providers(env).find((p) => p.org === org && sameProvider(p.provider));
  if (match) {
    return match.url
      .replaceAll('{token}', match.token)
      .replaceAll('{repo}', repo)
      .replaceAll('{group}', group)
      .replaceAll('{project}', group);
  }
  const provider = entry.provider ?? 'github';
  if (provider === 'github') return `git@github.com:${entry.private}.git`;
  if (provider === 'gitlab') return `git@gitlab.com:${entry.private}.git`;
  if (parts.length < 3) {
    throw new TsmodelError({
      code: 'private-package-invalid',
      message: `private package ${entry.private}: provider ${provider} needs <org>/<project>/<repo>`,
      location: entry.location,
      hint: 'name the Azure DevOps project too',
    });
  }
  return `git@ssh.dev.azure.com:v3/${entry.private}`;
}
