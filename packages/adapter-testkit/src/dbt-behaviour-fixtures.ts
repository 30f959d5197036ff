/**
 * Projects for dbt behaviours the adapter suite exercises (issue 12), run by the CLI on DuckDB
 * (packages/cli/src/commands/dbt-behaviours.int.test.ts) and PostgreSQL
 * (packages/adapter-postgres/src/dbt-behaviours.test.ts): each file set comes with the rows its
 * models must hold once built.
 */

/**
 * Ephemeral models whose SQL opens with `with` — after a comment, nested, under `with
 * recursive` — and the models that ref them: dbt merges the ephemeral CTEs into the model's
 * own leading `with`, so each must build and hold `EPHEMERAL_WITH_ROWS`.
 */
export const EPHEMERAL_WITH_MODELS: Record<string, string> = {
  'models/eph_base.sql':
    "{{ config(materialized='ephemeral') }}\n-- numbers\n  with base as (select 1 as id union all select 2)\nselect id from base -- no newline at the end",
  'models/eph_mid.sql':
    "{{ config(materialized='ephemeral') }}\n/* tens */\nWITH mid as (select id * 10 as v from {{ ref('eph_base') }})\nselect v from mid",
  'models/with_top.sql':
    "{{ config(materialized='table') }}\n-- the total\n\nwith t as (select v from {{ ref('eph_mid') }})\nselect sum(v) as total from t",
  'models/plain_top.sql':
    "{{ config(materialized='table') }}\nselect count(*) as total from {{ ref('eph_base') }}",
  'models/recursive_top.sql':
    "{{ config(materialized='table') }}\nwith recursive r(n) as (select 1 union all select n + 1 from r where n < 3)\nselect (select count(*) from {{ ref('eph_mid') }}) * 100 + sum(n) as total from r",
  'models/view_top.sql':
    "/* a view */ with v as (select id from {{ ref('eph_base') }} union all select v from {{ ref('eph_mid') }})\nselect count(*) as total from v",
};

/** `select cast(total as int) as total from <model>` for each model of `EPHEMERAL_WITH_MODELS`. */
export const EPHEMERAL_WITH_ROWS: Record<string, number> = {
  with_top: 30,
  plain_top: 2,
  recursive_top: 206,
  view_top: 4,
};

/** dbt's column-quoting seed: mixed-case headers. */
export const QUOTING_SEED = 'col_A,col_B\n1,2\n3,4\n5,6\n';
