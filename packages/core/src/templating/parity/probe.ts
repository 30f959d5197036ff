/**
 * One construct of dbt's Jinja, reduced from what real packages (dbt-utils, dbt-date,
 * audit_helper, dbt-expectations, codegen, snowplow-utils, dbt's global macros) do, rendered
 * by both tsmodel and real Jinja2 (oracle.py) in the differential suite.
 */
export interface Probe {
  /** Unique; names the construct, e.g. `truthy: empty list`. */
  name: string;
  template: string;
  /** Variables the template sees (JSON: no integral floats, Python would print `1.0`). */
  context?: Record<string, unknown>;
  /** A macro file loaded as a package's macros: its macros are called as dbt calls them. */
  macros?: string;
}

/** Terse probe lists: `p('name', 'template', context?, macros?)`. */
export function p(
  name: string,
  template: string,
  context?: Record<string, unknown>,
  macros?: string,
): Probe {
  return { name, template, context, macros };
}
