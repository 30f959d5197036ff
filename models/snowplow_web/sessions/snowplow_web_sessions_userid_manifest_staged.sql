{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='domain_userid',
    schema=var('snowplow_web__scratch_schema'),
    alias='sessions_userid_manifest_staged' ~ var('snowplow_web__entropy'),
    tags=['snowplow_web_sessions']
) }}
{#- Sessions' output for users: first session start per user, accumulating until
    snowplow_web_users_complete clears it. -#}
select * from {{ ref('snowplow_web_sessions_userid_manifest_this_run') }}
{% if not var('snowplow_web__stage_next') %}where false{% endif %}
