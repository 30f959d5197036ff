import { TSMODEL_VERSION } from '../compile/version';
import type { CatalogRelation } from '../adapter/introspector';
import { DBT_COMPATIBLE_VERSION } from '../project/version-requirements';

/** One column of a catalog table, keys in dbt's order (`ColumnMetadata`). */
export interface CatalogColumnEntry {
  type: string;
  index: number;
  name: string;
  comment: string | null;
}

/** One statistic of a table (`StatsItem`); only `has_stats` is written, always with include false. */
export interface CatalogStat {
  id: string;
  label: string;
  value: boolean | string | number | null;
  include: boolean;
  description: string;
}

/** A relation as catalog.json records it under its node's unique id (`CatalogTable`). */
export interface CatalogTable {
  metadata: {
    type: string;
    schema: string;
    name: string;
    database: string | null;
    comment: string | null;
    owner: string | null;
  };
  columns: Record<string, CatalogColumnEntry>;
  stats: Record<string, CatalogStat>;
  unique_id: string;
}

/**
 * `target/catalog.json` in dbt's v1 shape, plus `tsmodel_version` as in our other artifacts:
 * what the warehouse holds for each model, seed, snapshot and source, so docs sites and the
 * tools that read dbt's catalog (lineage viewers, column-level docs) read ours unchanged.
 */
export interface CatalogArtifact {
  metadata: {
    dbt_schema_version: string;
    /** The dbt version tsmodel follows, as `require-dbt-version` is checked against. */
    dbt_version: string;
    tsmodel_version: string;
    generated_at: string;
    invocation_id: string;
    /** dbt's `DBT_ENV_CUSTOM_ENV_<key>` variables, by key: how a deployment labels its artifacts. */
    env: Record<string, string>;
  };
  nodes: Record<string, CatalogTable>;
  sources: Record<string, CatalogTable>;
  /** Schemas that could not be read, as messages; null when every read succeeded (as dbt). */
  errors: string[] | null;
}

export const CATALOG_SCHEMA_VERSION = 'https://schemas.getdbt.com/dbt/catalog/v1.json';

/** dbt's metadata-variable prefix: `DBT_ENV_CUSTOM_ENV_team=core` becomes `env: {team: core}`. */
const METADATA_ENV_PREFIX = 'DBT_ENV_CUSTOM_ENV_';

/**
 * The statistics dbt writes when the engine reports none (Postgres, DuckDB, and here every
 * engine: Redshift's svv_table_info and Snowflake's row counts are not read).
 */
function noStats(): Record<string, CatalogStat> {
  return {
    has_stats: {
      id: 'has_stats',
      label: 'Has Stats?',
      value: false,
      include: false,
      description: 'Indicates whether there are statistics for this table',
    },
  };
}

/** A described relation as the catalog entry of `uniqueId`. */
export function catalogTable(uniqueId: string, rel: CatalogRelation): CatalogTable {
  const columns: Record<string, CatalogColumnEntry> = {};
  for (const c of rel.columns)
    columns[c.name] = { type: c.dataType, index: c.index, name: c.name, comment: c.comment };
  return {
    metadata: {
      type: rel.type,
      schema: rel.schema,
      name: rel.name,
      database: rel.database,
      comment: rel.comment,
      owner: rel.owner,
    },
    columns,
    stats: noStats(),
    unique_id: uniqueId,
  };
}

/** The `env` of the metadata: every `DBT_ENV_CUSTOM_ENV_` variable, prefix removed. */
export function catalogEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (value !== undefined && name.startsWith(METADATA_ENV_PREFIX))
      out[name.slice(METADATA_ENV_PREFIX.length)] = value;
  }
  return out;
}

export function catalogArtifact(input: {
  nodes: Record<string, CatalogTable>;
  sources: Record<string, CatalogTable>;
  errors: readonly string[];
  invocationId: string;
  env: Record<string, string | undefined>;
  generatedAt?: Date;
}): CatalogArtifact {
  return {
    metadata: {
      dbt_schema_version: CATALOG_SCHEMA_VERSION,
      dbt_version: DBT_COMPATIBLE_VERSION,
      tsmodel_version: TSMODEL_VERSION,
      generated_at: (input.generatedAt ?? new Date()).toISOString(),
      invocation_id: input.invocationId,
      env: catalogEnv(input.env),
    },
    nodes: input.nodes,
    sources: input.sources,
    errors: input.errors.length > 0 ? [...input.errors] : null,
  };
}
