/**
 * dbt 1.10 modelling features on every engine: a versioned model read pinned and unpinned, and
 * sources judged by `loaded_at_field` and by `loaded_at_query`. Schema-agnostic: sources read
 * the schema of the `raw_schema` var.
 */
export const VERSIONED_FILES: Record<string, string> = {
  'models/schema.yml': `version: 2
models:
  - name: dim_customers
    latest_version: 2
    config: {materialized: table}
    columns:
      - name: id
        data_tests: [unique]
      - name: tier
    versions:
      - v: 1
      - v: 2
        columns:
          - include: all
            exclude: [tier]
`,
  'models/dim_customers_v1.sql': "select 1 as id, 'gold' as tier",
  'models/dim_customers_v2.sql': 'select 2 as id',
  'models/latest_reader.sql':
    "{{ config(materialized='table') }}\nselect id from {{ ref('dim_customers') }}",
  'models/old_reader.sql':
    "{{ config(materialized='table') }}\nselect tier from {{ ref('dim_customers', v=1) }}",
};

export const FRESHNESS_FILES: Record<string, string> = {
  'models/sources.yml': `version: 2
sources:
  - name: raw
    schema: "{{ var('raw_schema') }}"
    config:
      freshness:
        warn_after: {count: 1, period: hour}
        error_after: {count: 1, period: day}
    tables:
      - name: orders
        config: {loaded_at_field: loaded_at}
      - name: events
        config:
          loaded_at_query: "select max(arrived_at) from {{ var('raw_schema') }}.event_batches"
`,
};

/** The raw tables of FRESHNESS_FILES in `schema`: orders loaded 5 minutes ago, events 3 hours ago. */
export function freshnessRawTables(schema: string): string[] {
  const ago = (interval: string) => `(now() at time zone 'UTC') - interval '${interval}'`;
  return [
    `create schema if not exists ${schema}`,
    `create table ${schema}.orders as select ${ago('5 minutes')} as loaded_at`,
    `create table ${schema}.events (id int)`,
    `create table ${schema}.event_batches as select ${ago('3 hours')} as arrived_at`,
  ];
}
