{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='device_user_id',
    schema=var('snowplow_mobile__scratch_schema'),
    alias='mobile_sessions_userid_manifest_staged' ~ var('snowplow_mobile__entropy'),
    tags=['snowplow_mobile_sessions']
) }}
{#- Sessions' output for users: first session start per device_user_id, accumulating until
    snowplow_mobile_users_complete clears it. -#}
select * from {{ ref('snowplow_mobile_sessions_userid_manifest_this_run') }}
{% if not var('snowplow_mobile__stage_next') %}where false{% endif %}
