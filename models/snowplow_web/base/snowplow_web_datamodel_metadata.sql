{{ config(materialized='incremental', schema=var('snowplow_web__output_schema'), alias='datamodel_metadata' ~ var('snowplow_web__entropy'), tags=['snowplow_web_base']) }}
{#- One row per module main execution (spec §1.6), appended by the modules' post-hooks. -#}
{{ snowplow_metadata_table_sql() }}
