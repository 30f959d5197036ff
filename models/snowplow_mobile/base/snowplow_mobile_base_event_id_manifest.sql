{{ config(materialized='incremental', schema=var('snowplow_mobile__output_schema'), alias='mobile_base_event_id_manifest' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_base']) }}
{#- Every (event_id, collector_tstamp) the mobile base module has processed. Created once with
    the `start_date` seed row; advanced only by snowplow_mobile_base_complete. -#}
select
    cast('seed' as varchar) as event_id,
    cast('{{ var("snowplow_mobile__start_date") }}' as timestamp) as collector_tstamp
{% if is_incremental() %}where false{% endif %}
