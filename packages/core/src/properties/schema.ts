import * as z from 'zod';

/**
 * The shape of a dbt `version: 2` properties file. Objects are non-strict here on purpose:
 * unknown keys are reported by `checkUnknownKeys`, which points at the key itself and suggests
 * the intended one; zod only checks the types of the keys we know.
 */

const requiredName = (what: string) =>
  z.string({
    error: (iss) => (iss.input === undefined ? `${what} needs a \`name\`` : 'expected a string'),
  });

const tagsSchema = z.union([z.string(), z.array(z.string())], {
  error: 'expected a tag or a list of tags',
});
const metaSchema = z.record(z.string(), z.unknown());
const configSchema = z.record(z.string(), z.unknown());
/** Test definitions are checked one by one (string or single-key mapping) with better messages. */
const testsSchema = z.array(z.unknown());
const docsSchema = z.object({ show: z.boolean().optional(), node_color: z.string().optional() });
const quotingSchema = z.object({
  database: z.boolean().optional(),
  schema: z.boolean().optional(),
  identifier: z.boolean().optional(),
});
/** `freshness: null` on a table switches off the freshness its source declares. */
const freshnessSchema = z.record(z.string(), z.unknown()).nullable();

/** dbt's time granularities (dbt-semantic-interfaces' `TimeGranularity`), finest first. */
export const TIME_GRANULARITIES = [
  'nanosecond',
  'microsecond',
  'millisecond',
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
] as const;

const granularitySchema = z.enum(TIME_GRANULARITIES, {
  error: `expected one of dbt's time granularities: ${TIME_GRANULARITIES.join(', ')} (e.g. \`granularity: day\`)`,
});

export const columnSchema = z.object({
  name: requiredName('a column'),
  description: z.string().optional(),
  data_type: z.string().optional(),
  meta: metaSchema.optional(),
  tags: tagsSchema.optional(),
  quote: z.boolean().optional(),
  config: z.object({ meta: metaSchema.optional(), tags: tagsSchema.optional() }).optional(),
  tests: testsSchema.optional(),
  data_tests: testsSchema.optional(),
  /** Applied with an enforced contract; checked by `checkContracts`. */
  constraints: z.array(z.unknown()).optional(),
  /** dbt 1.9: the time grain of a time spine's column; see `checkTimeSpine`. */
  granularity: granularitySchema.optional(),
});

/** Seeds and analyses; models and snapshots add their own keys. */
export const nodeEntrySchema = z.object({
  name: requiredName('an entry'),
  description: z.string().optional(),
  config: configSchema.optional(),
  docs: docsSchema.optional(),
  meta: metaSchema.optional(),
  tags: tagsSchema.optional(),
  columns: z.array(columnSchema).optional(),
  tests: testsSchema.optional(),
  data_tests: testsSchema.optional(),
});

/**
 * `deprecation_date: 2025-06-30` (YAML may read it as a date) or with a time and offset; kept
 * as written, read by `deprecationWarnings`.
 */
const deprecationDateSchema = z.union([z.string(), z.date()], {
  error: 'expected a date such as 2025-06-30 or 2025-06-30 00:00:00+00:00',
});

/**
 * A column under a model version: a column of its own, or dbt's `include:`/`exclude:` of the
 * model's top-level columns (`include: all` is the default).
 */
export const versionColumnSchema = columnSchema.extend({
  name: z.string().optional(),
  include: z.union([z.string(), z.array(z.string())]).optional(),
  exclude: z.array(z.string()).optional(),
});

/** One entry of a model's `versions:` list; see `expandModelVersions`. */
export const modelVersionSchema = z.object({
  v: z.union([z.string(), z.number()], {
    error: (iss) =>
      iss.input === undefined
        ? 'a model version needs `v:` (a number or a string)'
        : 'expected a number or a string',
  }),
  defined_in: z.string().optional(),
  description: z.string().optional(),
  config: configSchema.optional(),
  docs: docsSchema.optional(),
  meta: metaSchema.optional(),
  tags: tagsSchema.optional(),
  columns: z.array(versionColumnSchema).optional(),
  tests: testsSchema.optional(),
  data_tests: testsSchema.optional(),
  deprecation_date: deprecationDateSchema.optional(),
  access: z.string().optional(),
  group: z.string().optional(),
  constraints: z.array(z.unknown()).optional(),
});

/**
 * dbt 1.9's MetricFlow time spine: which column holds the standard grain, and extra
 * (fiscal, retail) grains read from other columns. Checked against the model's columns by
 * `checkTimeSpine`; kept on the model node for the semantic layer.
 */
export const timeSpineSchema = z.object({
  standard_granularity_column: z.string({
    error: (iss) =>
      iss.input === undefined
        ? 'a time_spine needs `standard_granularity_column:` (the column with the standard grain)'
        : 'expected a column name',
  }),
  custom_granularities: z
    .array(
      z.object({
        name: requiredName('a custom granularity'),
        column_name: z.string().optional(),
      }),
    )
    .optional(),
});

/** Governance is kept on the node as written (see `notUsedKeyWarning`); versions are built. */
export const modelEntrySchema = nodeEntrySchema.extend({
  access: z.string().optional(),
  group: z.string().optional(),
  constraints: z.array(z.unknown()).optional(),
  latest_version: z.union([z.string(), z.number()]).optional(),
  versions: z.array(modelVersionSchema).optional(),
  deprecation_date: deprecationDateSchema.optional(),
  time_spine: timeSpineSchema.optional(),
});

/** dbt 1.9: a snapshot defined in YAML names the `relation:` it snapshots. */
export const snapshotEntrySchema = nodeEntrySchema.extend({
  relation: z.string().optional(),
});

/**
 * Exposures, metrics, semantic models, saved queries, groups and unit tests: kept in the
 * manifest as written, so their inner keys are not checked.
 */
const keptEntriesSchema = z.array(z.record(z.string(), z.unknown()));

export const macroEntrySchema = z.object({
  name: requiredName('a macro entry'),
  description: z.string().optional(),
  docs: docsSchema.optional(),
  meta: metaSchema.optional(),
  arguments: z
    .array(
      z.object({
        name: requiredName('a macro argument'),
        type: z.string().optional(),
        description: z.string().optional(),
      }),
    )
    .optional(),
});

export const sourceTableSchema = z.object({
  name: requiredName('a source table'),
  description: z.string().optional(),
  identifier: z.string().optional(),
  loaded_at_field: z.string().optional(),
  meta: metaSchema.optional(),
  tags: tagsSchema.optional(),
  config: configSchema.optional(),
  freshness: freshnessSchema.optional(),
  quoting: quotingSchema.optional(),
  columns: z.array(columnSchema).optional(),
  tests: testsSchema.optional(),
  data_tests: testsSchema.optional(),
});

export const sourceSchema = z.object({
  name: requiredName('a source'),
  description: z.string().optional(),
  database: z.string().optional(),
  schema: z.string().optional(),
  loader: z.string().optional(),
  loaded_at_field: z.string().optional(),
  meta: metaSchema.optional(),
  tags: tagsSchema.optional(),
  config: configSchema.optional(),
  freshness: freshnessSchema.optional(),
  quoting: quotingSchema.optional(),
  tables: z.array(sourceTableSchema).optional(),
});

export const propertiesFileSchema = z.object({
  version: z
    .literal(2, { error: 'only `version: 2` properties files exist; use 2 or leave it out' })
    .optional(),
  sources: z.array(sourceSchema).optional(),
  models: z.array(modelEntrySchema).optional(),
  seeds: z.array(nodeEntrySchema).optional(),
  snapshots: z.array(snapshotEntrySchema).optional(),
  analyses: z.array(nodeEntrySchema).optional(),
  macros: z.array(macroEntrySchema).optional(),
  exposures: keptEntriesSchema.optional(),
  metrics: keptEntriesSchema.optional(),
  semantic_models: keptEntriesSchema.optional(),
  saved_queries: keptEntriesSchema.optional(),
  groups: keptEntriesSchema.optional(),
  unit_tests: keptEntriesSchema.optional(),
});

/** The top-level sections kept as written, each under its own key in the manifest. */
export const KEPT_SECTIONS = [
  'exposures',
  'metrics',
  'semantic_models',
  'saved_queries',
  'groups',
  'unit_tests',
] as const;
export type KeptSection = (typeof KEPT_SECTIONS)[number];

export type PropertiesFile = z.infer<typeof propertiesFileSchema>;
export type ColumnEntry = z.infer<typeof columnSchema>;
export type ModelVersionEntry = z.infer<typeof modelVersionSchema>;
export type TimeSpineEntry = z.infer<typeof timeSpineSchema>;
export type VersionColumnEntry = z.infer<typeof versionColumnSchema>;
export type NodeEntry = z.infer<typeof nodeEntrySchema> &
  Partial<z.infer<typeof modelEntrySchema>> &
  Partial<z.infer<typeof snapshotEntrySchema>>;
export type MacroEntryProps = z.infer<typeof macroEntrySchema>;
export type SourceEntry = z.infer<typeof sourceSchema>;
export type SourceTableEntry = z.infer<typeof sourceTableSchema>;

/** Normalizes dbt's `tags: x` / `tags: [x, y]`. */
export function tagList(tags: string | string[] | undefined): string[] {
  if (tags === undefined) return [];
  return typeof tags === 'string' ? [tags] : tags;
}
