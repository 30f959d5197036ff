import { TsmodelError, type NodeConfig } from '@tsmodel/core';

/**
 * The model configs dbt-snowflake reads when it creates a relation. Plain readers of the node
 * config, so the dialect's builders stay one line each and every rule is tested here.
 */

/** Tables are transient (no Fail-safe) unless `transient: false`; staging is always transient. */
export function isTransient(config: NodeConfig | undefined): boolean {
  return config?.transient !== false;
}

export function isSecure(config: NodeConfig | undefined): boolean {
  return config?.secure === true;
}

/** `automatic_clustering: true` resumes Snowflake's reclustering of a clustered table. */
export function wantsAutomaticClustering(config: NodeConfig): boolean {
  return config.automatic_clustering === true;
}

/**
 * `cluster_by` as a list of expressions: a string is one expression (it may itself list
 * several, as dbt allows), a list is one expression per entry.
 */
export function clusterByOf(config: NodeConfig): string[] {
  const value = config.cluster_by;
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new TsmodelError({
    code: 'invalid-config',
    message: `cluster_by must be a column expression or a list of them, not ${JSON.stringify(value)}`,
    hint: "e.g. cluster_by: ['session_date', 'user_id']",
  });
}
