{{ config(materialized='incremental', schema=var('snowplow_mobile__output_schema'), alias='mobile_users_manifest' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_users']) }}
{#- First-ever session start per device user; created once with a seed row, advanced only by
    snowplow_mobile_users_complete. -#}
select cast('seed' as varchar) as device_user_id, cast('1970-01-01' as timestamp) as start_tstamp
{% if is_incremental() %}where false{% endif %}
