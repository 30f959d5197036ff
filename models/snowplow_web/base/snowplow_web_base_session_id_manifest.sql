{{ config(materialized='incremental', schema=var('snowplow_web__output_schema'), alias='base_session_id_manifest' ~ var('snowplow_web__entropy'), tags=['snowplow_web_base']) }}
{#- First-seen collector_tstamp of every session the base module has processed. Created once
    with the `start_date` seed row; advanced only by snowplow_web_base_complete. -#}
select
    cast('seed' as varchar) as session_id,
    cast('{{ var("snowplow_web__start_date") }}' as timestamp) as min_tstamp
{% if is_incremental() %}where false{% endif %}
