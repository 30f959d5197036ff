{{ config(materialized='incremental', schema=var('snowplow_mobile__output_schema'), alias='mobile_base_session_id_manifest' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_base']) }}
{#- First-seen collector_tstamp of every client session the base module has processed. Created
    once with the `start_date` seed row; advanced only by snowplow_mobile_base_complete. -#}
select
    cast('seed' as varchar) as session_id,
    cast('{{ var("snowplow_mobile__start_date") }}' as timestamp) as min_tstamp
{% if is_incremental() %}where false{% endif %}
