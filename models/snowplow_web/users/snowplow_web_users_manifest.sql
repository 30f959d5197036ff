{{ config(materialized='incremental', schema=var('snowplow_web__output_schema'), alias='users_manifest' ~ var('snowplow_web__entropy'), tags=['snowplow_web_users']) }}
{#- First-ever session start per user; created once with a seed row, advanced only by
    snowplow_web_users_complete. -#}
select cast('seed' as varchar) as domain_userid, cast('1970-01-01' as timestamp) as start_tstamp
{% if is_incremental() %}where false{% endif %}
