{{ config(materialized='incremental', schema=var('snowplow_mobile__output_schema'), alias='mobile_datamodel_metadata' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_base']) }}
{#- One row per mobile module main execution (spec §1.6, model 'mobile'). Upstream shares one
    table with web; here each model owns its own, so selecting one model builds all it writes. -#}
{{ snowplow_metadata_table_sql() }}
