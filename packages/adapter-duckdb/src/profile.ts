import { isAbsolute, resolve } from 'node:path';
import * as z from 'zod';
import { TsmodelError } from '@tsmodel/core';
import type { TargetConfig } from '@tsmodel/core';

/**
 * The DuckDB keys of a profiles.yml target. `threads` stays what it is in dbt — the number of
 * tsmodel workers — and is read by the runner; DuckDB's own thread pool is
 * `settings: { threads: N }`, like any other DuckDB setting.
 */
const duckdbProfileSchema = z.object({
  path: z.string().min(1).default(':memory:'),
  schema: z.string().min(1).default('main'),
  database: z.string().min(1).optional(),
  extensions: z.array(z.string().min(1)).default([]),
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});

export interface DuckDBProfile {
  /** Absolute database file path, or `:memory:`. */
  path: string;
  schema: string;
  /**
   * The catalog name the path opens (`target.database`, set when the profile was resolved);
   * relations are named `"database"."schema"."identifier"` with it.
   */
  database?: string;
  /** Extensions to INSTALL once and LOAD on every connection. */
  extensions: string[];
  /** `SET key = value` on every connection (e.g. `threads`, `memory_limit`). */
  settings: Record<string, string | number | boolean>;
}

/** Validates the target and resolves a relative `path` from the project root (as dbt-duckdb does from the cwd). */
export function parseDuckDBProfile(target: TargetConfig, projectRoot: string): DuckDBProfile {
  const parsed = duckdbProfileSchema.safeParse(target);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TsmodelError({
      code: 'invalid-profile',
      message: `invalid duckdb target '${target.name}': ${issue.path.join('.') || 'target'}: ${issue.message}`,
      hint: 'duckdb targets take path (file or :memory:), schema, threads, extensions (list) and settings (map)',
    });
  }
  const { database, ...profile } = parsed.data;
  const path =
    profile.path === ':memory:' || isAbsolute(profile.path)
      ? profile.path
      : resolve(projectRoot, profile.path);
  return { ...profile, ...(database !== undefined ? { database } : {}), path };
}
