{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='screen_view_id',
    schema=var('snowplow_mobile__scratch_schema'),
    alias='mobile_screen_views_staged' ~ var('snowplow_mobile__entropy'),
    tags=['snowplow_mobile_screen_views']
) }}
{#- Screen views' output for sessions: upserted by screen_view_id, accumulating until
    snowplow_mobile_sessions_complete clears it. -#}
select * from {{ ref('snowplow_mobile_screen_views_this_run') }}
{% if not var('snowplow_mobile__stage_next') %}where false{% endif %}
