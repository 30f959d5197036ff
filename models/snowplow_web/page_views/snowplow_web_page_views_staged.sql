{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='page_view_id',
    schema=var('snowplow_web__scratch_schema'),
    alias='page_views_staged' ~ var('snowplow_web__entropy'),
    tags=['snowplow_web_page_views']
) }}
{#- Page views' output for sessions: upserted by page_view_id, accumulating until
    snowplow_web_sessions_complete clears it. -#}
select * from {{ ref('snowplow_web_page_views_this_run') }}
{% if not var('snowplow_web__stage_next') %}where false{% endif %}
