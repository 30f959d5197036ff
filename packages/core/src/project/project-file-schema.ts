import * as z from 'zod';

/** dbt's identifier rule for project names: they become macro namespaces and `ref()` package arguments. */
export const PROJECT_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

const pathList = z.array(z.string());
const mapping = z.record(z.string(), z.unknown()).nullable();
/** A hook: SQL, or dbt's `{sql: …, transaction: false}` dict. */
const hook = z.union([
  z.string(),
  z.strictObject({ sql: z.string(), transaction: z.boolean().optional() }),
]);
const hooks = z
  .union([hook, z.array(hook)], {
    error: 'expected a SQL string, a {sql, transaction} mapping, or a list of them',
  })
  .nullable();

const packageEntry = z.union(
  [z.string(), z.strictObject({ package: z.string() }), z.strictObject({ local: z.string() })],
  { error: 'expected `package: <npm name>`, `local: <relative path>` or an npm package name' },
);

const versionRange = z.union([z.string(), z.array(z.string())]);
const quotingPolicy = z.strictObject({
  database: z.boolean().optional(),
  schema: z.boolean().optional(),
  identifier: z.boolean().optional(),
  snowflake_ignore_case: z.boolean().optional(),
});

/**
 * The project file as written — `dbt_project.yml` or `project.yml`, one schema: dbt 1.10's
 * top-level keys, plus tsmodel's `packages` (npm packages) and `require-tsmodel-version`.
 * Unknown top-level keys are not rejected by the schema: the loader reports them itself so it
 * can suggest the key that was meant.
 */
export const projectFileSchema = z.object({
  name: z.string().regex(PROJECT_NAME_PATTERN, {
    error: 'must be an identifier: letters, digits and underscores, not starting with a digit',
  }),
  version: z.union([z.string(), z.number()]).optional(),
  profile: z.string().optional(),
  'config-version': z.literal(2, { error: 'only config-version 2 is supported' }).optional(),
  'model-paths': pathList.optional(),
  'macro-paths': pathList.optional(),
  'seed-paths': pathList.optional(),
  'test-paths': pathList.optional(),
  'snapshot-paths': pathList.optional(),
  'analysis-paths': pathList.optional(),
  'target-path': z.string().optional(),
  'clean-targets': pathList.optional(),
  'packages-install-path': z.string().optional(),
  vars: mapping.optional(),
  models: mapping.optional(),
  seeds: mapping.optional(),
  tests: mapping.optional(),
  snapshots: mapping.optional(),
  packages: z.array(packageEntry).nullable().optional(),
  'on-run-start': hooks.optional(),
  'on-run-end': hooks.optional(),
  dispatch: z
    .array(z.strictObject({ macro_namespace: z.string(), search_order: z.array(z.string()) }))
    .optional(),
  'require-tsmodel-version': versionRange.optional(),
  'require-dbt-version': versionRange.optional(),
  'docs-paths': pathList.optional(),
  'asset-paths': pathList.optional(),
  'function-paths': pathList.optional(),
  'log-path': z.string().optional(),
  'query-comment': z.union([z.string(), mapping]).optional(),
  quoting: quotingPolicy.optional(),
  flags: mapping.optional(),
  'restrict-access': z.boolean().optional(),
  'dbt-cloud': mapping.optional(),
  data_tests: mapping.optional(),
  sources: mapping.optional(),
  analyses: mapping.optional(),
  unit_tests: mapping.optional(),
  exposures: mapping.optional(),
  metrics: mapping.optional(),
  'semantic-models': mapping.optional(),
  'saved-queries': mapping.optional(),
  functions: mapping.optional(),
  /** dbt 1.10: a home for YAML anchors, read by nothing. */
  anchors: z.unknown().optional(),
  /** Renamed in dbt 1.0 (to model-paths, seed-paths, packages-install-path); still read, with a warning. */
  'source-paths': pathList.optional(),
  'data-paths': pathList.optional(),
  'modules-path': z.string().optional(),
});

export type ProjectFile = z.infer<typeof projectFileSchema>;

/** Every key project.yml may hold, for the unknown-key check and its suggestions. */
export const PROJECT_FILE_KEYS: readonly string[] = Object.keys(projectFileSchema.shape);
