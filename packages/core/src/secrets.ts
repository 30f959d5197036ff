/**
 * Environment variables whose values are secrets, as dbt's `DBT_ENV_SECRET_` (plus our own
 * prefix). They may feed profiles.yml, never a template: a model that printed one would put it
 * in compiled SQL, the manifest and every log.
 */
export const SECRET_ENV_PREFIXES = ['DBT_ENV_SECRET_', 'TSMODEL_ENV_SECRET_'] as const;

/** What a secret is replaced with wherever text leaves the process. */
export const REDACTED = '*****';

/**
 * Target keys that hold credentials (dbt-postgres `password`/`pass`, dbt-snowflake
 * `private_key`/`private_key_passphrase`/`token`, DuckDB settings such as
 * `s3_secret_access_key` or `motherduck_token`). Matched anywhere in the target, nested
 * settings included, so a new adapter's credential keys are covered without a list per adapter.
 */
const SECRET_KEY = /pass(word|phrase)?$|^pass$|secret|token|private_key|api_key|credential/i;

export function isSecretEnvVar(name: string): boolean {
  return SECRET_ENV_PREFIXES.some((prefix) => name.startsWith(prefix));
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * The target with every credential removed, recursively: what templates see as `target`
 * (dbt hides `target.password` too) and what fingerprints are computed from, so a password
 * never reaches compiled SQL, the manifest or the parse cache.
 */
export function publicTarget<T extends Record<string, unknown>>(target: T): T {
  return stripSecrets(target) as T;
}

function stripSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!isSecretKey(key)) out[key] = stripSecrets(item);
  }
  return out;
}

/**
 * Every secret value a run knows: the credential values of its target and the values of the
 * environment's secret variables. Shorter than 4 characters they are not collected: replacing
 * every `on` in the output would hide more than it protects, and such a secret protects nothing.
 */
export function collectSecrets(
  target: Record<string, unknown> | undefined,
  env: Record<string, string | undefined>,
): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, secret: boolean) => {
    if (Array.isArray(value)) value.forEach((item) => walk(item, secret));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(item, secret || isSecretKey(key));
    } else if (secret && (typeof value === 'string' || typeof value === 'number')) {
      found.add(String(value));
    }
  };
  if (target) walk(target, false);
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && isSecretEnvVar(name)) found.add(value);
  }
  return [...found].filter((s) => s.length >= 4);
}

/**
 * Replaces known secrets in text that leaves the process (terminal output, run_results.json).
 * Also matches each secret as JSON spells it, so a secret with a quote or backslash is caught
 * inside a serialized artifact too.
 */
export class Redactor {
  private patterns: string[] = [];

  constructor(secrets: Iterable<string> = []) {
    this.add(secrets);
  }

  add(secrets: Iterable<string>): void {
    const all = new Set(this.patterns);
    for (const s of secrets) {
      if (s.length < 4) continue;
      all.add(s);
      all.add(JSON.stringify(s).slice(1, -1));
      all.add(encodeURIComponent(s));
    }
    // Longest first: a secret that contains another is replaced whole.
    this.patterns = [...all].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const p of this.patterns) if (out.includes(p)) out = out.split(p).join(REDACTED);
    return out;
  }
}
